/** "Hỏi về văn bản này": a user's next question is searched in one document, for a while. */
export class QuestionScopes {
  private readonly scopes = new Map<number, { docId: string; until: number }>();
  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  set(userId: number, docId: string): void {
    this.scopes.set(userId, { docId, until: this.now() + this.ttlMs });
    // Forget expired scopes so the map cannot grow without bound.
    if (this.scopes.size > 10_000) for (const [id, s] of this.scopes) if (s.until < this.now()) this.scopes.delete(id);
  }

  /** The document the next question is scoped to; the scope is used up. */
  take(userId: number | undefined): string | undefined {
    if (userId === undefined) return undefined;
    const s = this.scopes.get(userId);
    this.scopes.delete(userId);
    return s && s.until >= this.now() ? s.docId : undefined;
  }
}
