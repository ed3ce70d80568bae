import iconv from "iconv-lite";

/** Where in a page the `<meta charset>` declaration must appear (the HTML standard's prescan: 1024 bytes). */
const PRESCAN_BYTES = 1024;

/**
 * Decodes a fetched page or feed: the charset from the `Content-Type` header, else a byte-order
 * mark, else `<meta charset>` / `<meta http-equiv content>` or the XML declaration in the first
 * bytes, else UTF-8. Any encoding iconv-lite knows (EUC-KR, Shift_JIS, ISO-8859-1, windows-1252,
 * GB18030, …); an unknown label falls back to UTF-8, invalid bytes become U+FFFD.
 * @example
 * decodeText(bytes, "text/html; charset=EUC-KR")
 */
export function decodeText(bytes: Uint8Array, contentType: string | null): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const label = charsetOf(contentType) ?? bomCharset(buffer) ?? declaredCharset(buffer) ?? "utf-8";
  const encoding = iconv.encodingExists(label) ? label : "utf-8";
  return iconv.decode(buffer, encoding);
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
