// Package query parses the kensaku query language into a [Query]: OR
// groups of clauses (words and phrases, each should, must or must not
// match) plus filters on passage metadata. It only parses: the search
// layer normalises the terms, expands them with the glossary and builds
// the index queries. Start with [Parse].
//
// # Syntax
//
// A query is a sequence of items separated by white space: ASCII spaces,
// tabs and newlines, the ideographic space U+3000, or any other Unicode
// space. An item is one of:
//
//   - a bare word: any run of non-space characters, such as 宇宙状況監視,
//     SSA, ＳＳＡ, COVID-19 or 日本で梅雨がないのは北海道とどこか。
//     Japanese needs no spaces. Punctuation, brackets 「」『』（）(), colons,
//     and hyphens or quotes inside a word are ordinary text; there is no
//     grouping with parentheses.
//   - a phrase: text between double quotes, "Space Situational Awareness".
//     The quote marks are " ＂ “ ” and any of them closes a phrase opened
//     by any other, so the ”…” that Japanese input methods type works.
//     A quote opens a phrase only at the start of an item (or after + - or
//     field:); elsewhere it is text. A phrase cannot contain a quote mark and
//     has no escapes. Text right after the closing quote starts a new item.
//     「…」 is not a quote: it is searched as text.
//   - a required word or phrase: +word or +"a phrase".
//   - an excluded word or phrase: -word or -"a phrase". The + or - must be
//     the first character of the item and be followed at once by the
//     term: -5 excludes 5. A + or - standing alone between words is
//     punctuation and is passed over: "1992年 - 2010年" searches both years.
//   - a literal word or phrase: =word or ="a phrase" (also after + or -:
//     +=SSA). It is searched as typed, without glossary expansion, while
//     the rest of the query expands: =SSA finds SSA but not 宇宙状況監視.
//     An = standing alone is a word, and so is a=b.
//   - a filter: field:value, where field is document, section, kind or
//     page. The value runs to the next space, or is quoted: section:"宇宙 政策".
//     -field:value excludes passages with that value; +field:value is the
//     same as field:value. kind takes body, heading, caption or reference;
//     page takes a page number (page:12) or an inclusive range (page:10-20).
//     Only these four names make a filter: 時刻:12 and https://example.org
//     are bare words. Filters apply to the whole query whatever their place
//     in it, and all of them must hold.
//   - AND or OR, in upper case, between two terms. AND makes the terms on
//     both sides required (an excluded term stays excluded), so a AND b is
//     +a +b. OR separates alternative groups and binds more loosely than
//     AND: a AND b OR c means (+a +b) or c. Lower-case and, or are words.
//     AND next to a filter is allowed (a AND kind:body is +a kind:body);
//     OR next to a filter is an error, since filters cannot be alternatives.
//
// Without operators, words are Should clauses: the search layer ranks
// passages that match the exact phrase, then all the words, then some of
// them. [Query.Runs] returns the runs of adjacent bare words, where
// multi-word terms such as Space Situational Awareness are to be found.
//
// Syntax characters are matched in any width, as their NFKC forms: ＋ －
// ： ＂ ＝ and U+3000 act like + - : " = and space, ＡＮＤ and ＯＲ like AND and
// OR. Field names and kind values ignore case and width (ＫＩＮＤ：Ｃａｐｔｉｏｎ
// is kind:caption), page numbers may use full-width digits. The text of
// words, phrases and document and section values is kept exactly as typed.
//
// A query is at most [MaxRunes] characters. A query with only filters is
// valid (it selects passages by metadata alone); a group with only
// excluded terms matches every passage without them.
//
// # Errors
//
// Parse returns a *[SyntaxError] with the byte offset of the problem for:
// an empty or blank query; invalid UTF-8; more than MaxRunes characters;
// an unterminated or empty quoted phrase or value (at the opening quote);
// + or - at the end of the query or followed by another + or -; a field with no
// value (at the value's place); an unknown kind or a malformed, zero or
// reversed page range (at the value); AND or OR at the start or end of the
// query, next to another AND or OR, or OR next to a filter.
package query
