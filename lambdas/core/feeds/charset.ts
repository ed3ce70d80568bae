import iconv from "iconv-lite";

/** Where in a page the `<meta charset>` declaration must appear (the HTML standard's prescan: 1024 bytes). */
const PRESCAN_BYTES = 1024;

/**
 * Labels that name one encoding but mean, on the web, its superset (the WHATWG Encoding standard):
 * a page "in ISO-8859-1" with curly quotes is windows-1252, and read as Latin-1 its quote marks
 * would become control characters.
 */
const SUPERSETS: Record<string, string> = {
  "iso-8859-1": "windows-1252",
  iso8859_1: "windows-1252",
  "iso8859-1": "windows-1252",
  latin1: "windows-1252",
  l1: "windows-1252",
  "us-ascii": "windows-1252",
  ascii: "windows-1252",
  "x-euc-kr": "euc-kr",
  gb2312: "gb18030",
  gbk: "gb18030",
};

/**
 * Decodes a fetched page or feed: a byte-order mark first, else the charset from the
 * `Content-Type` header, else `<meta charset>` / `<meta http-equiv content>` or the XML
 * declaration in the first bytes, else UTF-8 (the HTML standard's order). Any encoding iconv-lite
 * knows (EUC-KR, Shift_JIS, ISO-8859-1 read as windows-1252, GB18030, …); an unknown label falls
 * back to UTF-8, invalid bytes become U+FFFD.
 * @example
 * decodeText(bytes, "text/html; charset=EUC-KR")
 */
export function decodeText(bytes: Uint8Array, contentType: string | null): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bomCharset(buffer);
  const label = bom ?? charsetOf(contentType) ?? declaredCharset(buffer) ?? "utf-8";
  const encoding = SUPERSETS[label] ?? label;
  return iconv.decode(buffer, iconv.encodingExists(encoding) ? encoding : "utf-8");
}

function charsetOf(contentType: string | null): string | null {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase() ?? null;
}

function bomCharset(buffer: Buffer): string | null {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return "utf-8";
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return "utf-16be";
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return "utf-16le";
  return null;
}

function declaredCharset(buffer: Buffer): string | null {
  const head = buffer.subarray(0, PRESCAN_BYTES).toString("latin1");
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  const xml = /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  return (meta ?? xml)?.toLowerCase() ?? null;
}
