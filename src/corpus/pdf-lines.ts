/**
 * Rebuilds a PDF page's visual lines from pdf.js text items and their positions. Items on one baseline form a
 * line; a wide horizontal gap splits it, so the two columns of a document header ("CHÍNH PHỦ" on the left,
 * "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on the right) become separate lines instead of one run-on line.
 */

/** The part of a pdf.js `TextItem` we read; marked-content items have no `str` and are skipped. */
export interface PdfTextItem {
  str?: string;
  /** [a, b, c, d, x, y]: x and y of the item's baseline start, in points from the page's bottom left. */
  transform?: number[];
  width?: number;
  height?: number;
}

interface Placed {
  str: string;
  x: number;
  y: number;
  end: number;
  size: number;
}

/** Items whose baselines differ by less than this share of the font size sit on one line (superscripts too). */
const SAME_LINE = 0.45;
/** A gap wider than this many font sizes separates columns. */
const COLUMN_GAP = 1.5;
/** A gap wider than this share of the font size is a space the PDF did not write. */
const WORD_GAP = 0.15;

function place(items: readonly PdfTextItem[]): Placed[] {
  const out: Placed[] = [];
  for (const it of items) {
    if (typeof it.str !== "string" || it.str === "" || !it.transform) continue;
    const [a = 1, b = 0, c = 0, d = 1, px = 0, py = 0] = it.transform;
    // Coordinates along the text's own direction and its "up": a table set on a rotated (landscape) page
    // reads in the same order as an upright one.
    const scale = Math.hypot(a, b) || 1;
    const up = Math.hypot(c, d) || 1;
    const x = (px * a + py * b) / scale;
    const y = (px * c + py * d) / up;
    const size = it.height && it.height > 0 ? it.height : up;
    out.push({ str: it.str, x, y, end: x + (it.width ?? 0), size });
  }
  return out;
}

/** Groups items into baselines, top of the page first. */
function baselines(items: Placed[]): Placed[][] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Placed[][] = [];
  let current: Placed[] = [];
  let y = Number.NaN;
  for (const item of sorted) {
    if (current.length > 0 && Math.abs(item.y - y) <= SAME_LINE * Math.max(item.size, current[0]!.size)) {
      current.push(item);
      continue;
    }
    if (current.length > 0) lines.push(current);
    current = [item];
    y = item.y;
  }
  if (current.length > 0) lines.push(current);
  return lines;
}

/** One baseline's items, left to right, joined into text; split where a column gap opens. */
function segments(line: Placed[]): string[] {
  const items = [...line].sort((a, b) => a.x - b.x);
  const out: string[] = [];
  let text = "";
  let end = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    const gap = item.x - end;
    const blank = item.str.trim() === "";
    if (text.trim() !== "" && !blank && gap > COLUMN_GAP * item.size) {
      out.push(text);
      text = "";
    } else if (text !== "" && !blank && gap > WORD_GAP * item.size && !/\s$/.test(text) && !/^\s/.test(item.str)) {
      text += " ";
    }
    if (!(blank && text === "")) text += item.str;
    if (!blank) end = item.end;
  }
  if (text.trim() !== "") out.push(text);
  return out.map((s) => s.replace(/\s+/g, " ").trim());
}

/** The page's lines of text, top to bottom; each column segment of a baseline is a line of its own. */
export function pdfPageLines(items: readonly PdfTextItem[]): string[] {
  return baselines(place(items)).flatMap(segments);
}
