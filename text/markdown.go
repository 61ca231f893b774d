package text

import "strings"

// Markdown is the one way text reaches a markdown report or copy: cleaned
// as for a terminal (one line, no controls, no invisible characters),
// trimmed, and every character that could start markup escaped with a
// backslash, so that a value is read as the text it is wherever it lands:
// in a table cell ("|"), a heading, or first in a list item ("# ", "> ",
// "- ", "1. "). Links and images need "[", HTML and autolinks "<", entities
// "&", code "`", emphasis "*" "_" "~", math "$"; a ">" opens a quote only at
// the start, so "loss 15 % > 10 %" stays as it reads. Markdown renderers
// that turn bare URLs, e-mail addresses or @names into links still do
// (README, Security).
func Markdown(s string) string {
	s = strings.TrimSpace(Clean(s))
	mark := mdBlockMark(s)
	if mark < 0 && !strings.ContainsAny(s, mdSpecial) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		// Byte by byte: the special characters are ASCII, which no byte of
		// a multi-byte UTF-8 sequence can be.
		if i == mark || strings.IndexByte(mdSpecial, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// mdSpecial are the characters Markdown escapes wherever they stand.
const mdSpecial = "\\`*_[]<#|~$&"

// mdBlockMark is where a leading block marker would stand: the ">" of a
// quote, the "-" or "+" of a list item, the "." or ")" of "12. x"; -1 when
// s starts no block.
func mdBlockMark(s string) int {
	if s != "" && (s[0] == '-' || s[0] == '+' || s[0] == '>') {
		return 0
	}
	d := 0
	for d < len(s) && d < 9 && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	if d > 0 && d < len(s) && (s[d] == '.' || s[d] == ')') && (d+1 == len(s) || s[d+1] == ' ') {
		return d
	}
	return -1
}

// MarkdownCell is Markdown for a table cell: "—" when empty.
func MarkdownCell(s string) string {
	if s = Markdown(s); s == "" {
		return "—"
	}
	return s
}
