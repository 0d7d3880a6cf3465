/** The addressees a directive names: "Kính gửi: …" in its header, "Nơi nhận:" in its footer. */

function cleanRecipient(line: string): string | null {
  // The bullet may come before the label ("- Kính gửi:") or after it ("Kính gửi: - UBND huyện").
  const r = line
    .replace(/^[-–•+]\s*/, "")
    .replace(/^(kính gửi|nơi nhận)\s*:?\s*/iu, "")
    .replace(/^[-–•+]\s*/, "")
    .replace(/\((để\s+)?(báo cáo|b\/c|thực hiện|t\/h|phối hợp|biết)\)/giu, "")
    .replace(/[\s|,;.]+$/u, "")
    .trim();
  if (!r || /^(như trên|lưu\b)/iu.test(r)) return null;
  return r;
}

/**
 * The "Kính gửi:" line at `i` and the addressees under it (bullets, or short lines until one ends a sentence),
 * added to `recipients`. Returns the index of the last line it takes.
 */
export function readAddressees(lines: readonly string[], i: number, end: number, recipients: string[]): number {
  const first = cleanRecipient(lines[i]!);
  if (first) recipients.push(first);
  while (i + 1 < end && (/^[-–•+]\s/.test(lines[i + 1]!) || (lines[i + 1]!.length < 100 && !/[.]$/.test(lines[i]!)))) {
    i++;
    const r = cleanRecipient(lines[i]!);
    if (r) recipients.push(r);
    if (/\.$/.test(lines[i]!)) break;
  }
  return i;
}

/** The bullets under the "Nơi nhận:" line at `i`, each added to `recipients` unless it is there already. */
export function readDistribution(lines: readonly string[], i: number, end: number, recipients: string[]): void {
  for (let j = i + 1; j < end && /^[-–•+]\s/.test(lines[j]!); j++) {
    const r = cleanRecipient(lines[j]!);
    if (r && !recipients.includes(r)) recipients.push(r);
  }
}
