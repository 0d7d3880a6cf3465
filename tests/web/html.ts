/** What hono's html`` does to an interpolated string. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The text a reader sees in an HTML fragment: tags dropped, entities decoded. */
export function textOf(fragment: string): string {
  return fragment.replace(/<[^>]*>/g, "").replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return (
      ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" } as Record<string, string>)[
        e.toLowerCase()
      ] ?? m
    );
  });
}

/** The HTML inside the element whose id is `id` (the passages are flat <div>s: up to its closing </div>). */
export function elementById(page: string, id: string): string | undefined {
  const open = page.indexOf(`id="${escapeHtml(id)}"`);
  if (open < 0) return undefined;
  const start = page.indexOf(">", open) + 1;
  const end = page.indexOf("</div>", start);
  return end < 0 ? undefined : page.slice(start, end);
}
