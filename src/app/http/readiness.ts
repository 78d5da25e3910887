/**
 * Whether the service is ready for traffic (GET /health/ready and GET /health): the database
 * reads again after any restart of its JVM (core/db/recovery.ts), and the warm-up that followed
 * has run (main.ts marks it). A server started without one (the tests) counts as warm.
 */
export class Readiness {
  constructor(
    private readonly recovery: { readonly isReadable: boolean } | null,
    private warm = false,
  ) {}

  /** Neo4j reads and the warm-up after the last (re)start has run. */
  get ready(): boolean {
    return this.warm && (this.recovery?.isReadable ?? true);
  }

  /** Why it is not ready, for the /health body; null when it is. */
  get waitingFor(): 'recovery' | 'warm-up' | null {
    if (!(this.recovery?.isReadable ?? true)) return 'recovery';
    return this.warm ? null : 'warm-up';
  }

  /** The JVM died: a warm-up is due once it reads again. */
  cooled(): void {
    this.warm = false;
  }

  warmed(): void {
    this.warm = true;
  }
}
