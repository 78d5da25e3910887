// HttpRefusal lives in core/errors beside the table that makes one of any client error.
export { HttpRefusal } from '../errors/http-refusal';
