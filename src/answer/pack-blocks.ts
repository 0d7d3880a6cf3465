/**
 * Joins rendered answer blocks into messages of at most `limit` characters, splitting only between blocks
 * (a blank line between two in one message). A block longer than a message is first cut by the channel's own
 * rule (`split`), which knows where its markup may be cut.
 */
export function packBlocks(
  blocks: readonly string[],
  limit: number,
  split: (block: string, limit: number) => string[],
): string[] {
  const out: string[] = [];
  let current = "";
  for (const raw of blocks) {
    for (const block of raw.length > limit ? split(raw, limit) : [raw]) {
      if (current && current.length + 2 + block.length > limit) {
        out.push(current);
        current = block;
      } else current = current ? `${current}\n\n${block}` : block;
    }
  }
  if (current) out.push(current);
  return out;
}
