import { testState } from './state';

export default async function globalTeardown(): Promise<void> {
  await testState.embedded?.stop();
}
