/**
 * What a stage works out of the article being read and asks again many times over, kept until the
 * next article (extraction reads one article at a time, synchronously). Not a WeakMap by article:
 * its entries outlive every young-generation collection until a full one (the key, the article's
 * long token array, is old), so all they hold is moved to the old generation, and V8, seeing that,
 * makes such objects there from then on.
 */
export function perArticle<A extends object, V>(make: (article: A) => V): (article: A) => V {
  let current: A | null = null;
  let value = undefined as V;
  return (article) => {
    if (article !== current) {
      current = article;
      value = make(article);
    }
    return value;
  };
}
