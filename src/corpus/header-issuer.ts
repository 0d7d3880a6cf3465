import { toOrgCase } from "./org-case.ts";

/** The place name in an organisation line: "TỈNH ỦY NAM ĐỊNH" → "Nam Định", "ĐẢNG BỘ TỈNH QUẢNG NGÃI" → "Quảng Ngãi". */
function placeOf(orgLine: string): string | null {
  const m = /(?:TỈNH|HUYỆN|THÀNH PHỐ|THỊ XÃ|QUẬN)\s+(?:ỦY\s+|UỶ\s+)?([\p{Lu}][\p{Lu}\s]+)$/u.exec(orgLine);
  return m ? toOrgCase(`TỈNH ${m[1]!}`).replace(/^Tỉnh\s+/, "") : null;
}

/** "ĐẢNG BỘ TỈNH QUẢNG NGÃI" anywhere names the province of every party body in the document. */
function placeOfParty(lines: readonly string[]): string | null {
  for (const line of lines) {
    const m = /^ĐẢNG BỘ\s+(TỈNH|THÀNH PHỐ)\s+(.+)$/u.exec(line);
    if (m) return placeOf(`${m[1]} ${m[2]}`);
  }
  return null;
}

export interface IssuerClues {
  /** The body named after the type ("CỦA BAN THƯỜNG VỤ TỈNH ỦY"), in the body's case. */
  ofIssuer: string | null;
  /** Organisation lines of the header, in capitals; the last is the issuing one. */
  orgLines: readonly string[];
  /** What a "T/M …" signature signs for. */
  signingFor: string | null;
}

/**
 * Issuer: the body named after the type, else the header organisation, refined by the signature
 * ("T/M BAN THƯỜNG VỤ" signs for the standing committee of that organisation). Null when neither is there.
 */
export function issuerOf(lines: readonly string[], { ofIssuer, orgLines, signingFor }: IssuerClues): string | null {
  const issuingOrg = orgLines.length ? orgLines[orgLines.length - 1]! : null;
  if (ofIssuer) {
    const place = (issuingOrg && placeOf(issuingOrg)) ?? placeOfParty(lines);
    return /(Tỉnh ủy|Huyện ủy|Thành ủy)$/u.test(ofIssuer) && place ? `${ofIssuer} ${place}` : ofIssuer;
  }
  if (!issuingOrg) return null;
  const org = toOrgCase(issuingOrg);
  const standing = signingFor ? toOrgCase(signingFor) : null;
  return standing && /^(Ban Thường vụ|Thường trực)$/u.test(standing) ? `${standing} ${org}` : org;
}
