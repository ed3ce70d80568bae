/**
 * A page's body as paragraphs: the furniture taken out before Readability looks, and the text of
 * what it keeps read back paragraph by paragraph.
 */
import { FURNITURE_ELEMENTS, FURNITURE_NAME, isFurnitureLine, NEVER_FURNITURE } from "./furniture.ts";
import type { PageDocument } from "./json-ld.ts";

/** An element of a page's DOM as linkedom builds it. */
export type PageElement = NonNullable<ReturnType<PageDocument["querySelector"]>>;

// Elements that continue the line they stand in; every other element starts a paragraph of its own.
const INLINE = new Set(
  "a abbr b bdi bdo cite code data del dfn em font i img ins kbd mark q s small span strong sub sup time u var wbr".split(
    " ",
  ),
);
// Where pages name their parts: class and id, and the attributes component-built pages use instead.
const NAME_ATTRIBUTES = ["class", "id", "data-component", "data-testid"];
const NAMED = NAME_ATTRIBUTES.map((name) => `[${name}]`).join(", ");
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
// A caption is short; a block holding a picture and more than this is prose with a picture in it.
const CAPTION_CHARS = 250;

/**
 * Takes out what Readability would otherwise read as prose when it sits inside the article's own
 * container: furniture elements, elements named as furniture, and pictures with their captions.
 */
export function removeFurniture(document: PageDocument): void {
  for (const element of [...document.querySelectorAll(FURNITURE_ELEMENTS)]) element.remove();
  for (const element of [...document.querySelectorAll(NAMED)]) {
    const names = NAME_ATTRIBUTES.map((name) => element.getAttribute(name) ?? "").join(" ");
    if (FURNITURE_NAME.test(names) && !element.matches(NEVER_FURNITURE)) element.remove();
  }
  for (const picture of [...document.querySelectorAll("img, picture, video")])
    captionBlockOf(picture)?.remove();
}

/**
 * The block around a picture that holds only the picture and its caption (`<div class="image">
 * <div><img></div><p>The terminal in 1991.</p></div>`): the largest one that is short, and a small
 * part of what its parent holds. A picture inside a paragraph, or beside a whole short article, has none.
 */
function captionBlockOf(picture: PageElement): PageElement | null {
  let block = picture.parentElement;
  while (block?.matches("a, picture, span")) block = block.parentElement;
  if (!block || block.matches(`p, li, ${NEVER_FURNITURE}`)) return null;
  const length = (element: PageElement | null) => collapse(element?.textContent ?? "").length;
  for (let parent = block.parentElement; parent && !parent.matches(NEVER_FURNITURE); ) {
    if (length(parent) > CAPTION_CHARS) break;
    block = parent;
    parent = parent.parentElement;
  }
  const own = length(block);
  return own <= CAPTION_CHARS && own * 2 < length(block.parentElement) ? block : null;
}

/**
 * The article's paragraphs: the runs of text between block boundaries, in order (so text beside a
 * block inside another is kept too), a line break a space; furniture lines, headlines, lone links
 * to other pages and pull quotes (a quotation block repeating the article's own words) left out.
 */
export function paragraphsOf(content: PageElement, skip: ReadonlySet<string>): string[] {
  const found: { text: string; quoted: boolean }[] = [];
  let run = "";
  let links: string[] = [];
  let quoting = 0;
  const flush = () => {
    const text = collapse(run);
    // A paragraph whose whole text is one link ("Mayor outlines budget →") is a teaser for another page.
    const teaser = links.length === 1 && collapse(links[0] ?? "") === text;
    if (text && !teaser && !skip.has(text) && !isFurnitureLine(text))
      found.push({ text, quoted: quoting > 0 });
    run = "";
    links = [];
  };
  const walk = (node: PageElement): void => {
    for (const child of [...node.childNodes] as PageElement[]) {
      if (child.nodeType === TEXT_NODE) run += child.textContent ?? "";
      if (child.nodeType !== ELEMENT_NODE) continue;
      const tag = child.tagName.toLowerCase();
      if (tag === "br") run += " ";
      else if (INLINE.has(tag)) {
        if (tag === "a") links.push(child.textContent ?? "");
        walk(child);
      } else {
        flush();
        if (tag === "blockquote") quoting++;
        walk(child);
        flush();
        if (tag === "blockquote") quoting--;
      }
    }
  };
  walk(content);
  flush();
  const prose = found.filter((p) => !p.quoted).map((p) => bare(p.text));
  return found.filter((p) => !p.quoted || !prose.some((t) => t.includes(bare(p.text)))).map((p) => p.text);
}

/** Words only, lower-cased: a pull quote drops the quote marks and capitals its source has. */
function bare(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A text's whitespace as one space each, trimmed. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
