package hostile

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Terminal says what in s a terminal would obey or hide rather than show:
// invalid UTF-8, a control character, an escape sequence, a C1 control, a
// bidi or other invisible format character, a joiner or variation selector
// that shapes nothing. lines
// allows line breaks and tabs (a multi-line copy); sgr allows our own
// colour sequences (a frame of the explorer). It returns "" when s is safe.
func Terminal(s string, lines, sgr bool) string {
	if !utf8.ValidString(s) {
		i := 0
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		return fmt.Sprintf("invalid UTF-8 at %d: %q", i, around(s, i))
	}
	prev, run := rune(0), 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b && sgr:
			j := sgrEnd(s, i)
			if j < 0 {
				return fmt.Sprintf("escape sequence at %d: %q", i, around(s, i))
			}
			i = j
			continue
		case r == '\n' && lines, r == '\t' && lines:
		case r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0:
			return fmt.Sprintf("control character %U at %d: %q", r, i, around(s, i))
		case r == 0x200c || r == 0x200d || isSelector(r):
			run++
			if prev < 0x80 || run > 2 {
				return fmt.Sprintf("stray joiner or selector %U at %d: %q", r, i, around(s, i))
			}
			i += n
			continue
		case unicode.Is(unicode.Cf, r) || r == 0x2028 || r == 0x2029:
			return fmt.Sprintf("invisible character %U at %d: %q", r, i, around(s, i))
		}
		prev, run = r, 0
		i += n
	}
	return ""
}

func isSelector(r rune) bool {
	return r >= 0xfe00 && r <= 0xfe0f || r >= 0xe0100 && r <= 0xe01ef
}

// sgrEnd is the end of the colour sequence ESC [ … m at i, or -1 when the
// sequence there is anything else.
func sgrEnd(s string, i int) int {
	j := i + 1
	if j >= len(s) || s[j] != '[' {
		return -1
	}
	for j++; j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':'); j++ {
	}
	if j >= len(s) || s[j] != 'm' {
		return -1
	}
	return j + 1
}

func around(s string, i int) string {
	a, z := max(0, i-24), min(len(s), i+24)
	return s[a:z]
}

// Screen checks a frame of the explorer: safe for the terminal (our colour
// sequences aside), h lines, each empty or exactly w cells wide by the
// width lipgloss and callscope measure with.
func Screen(frame string, w, h int) string {
	if p := Terminal(frame, true, true); p != "" {
		return p
	}
	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		return fmt.Sprintf("%d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if strings.Contains(l, "\t") {
			return fmt.Sprintf("line %d has a tab", i)
		}
		if n := ansi.StringWidth(l); n != w && l != "" {
			return fmt.Sprintf("line %d is %d cells wide, want %d: %q", i, n, w, ansi.Strip(l))
		}
	}
	return ""
}

// markup is text that the payloads carry and that markdown would turn into
// markup unless escaped: images, links, autolinks, HTML, entities, code,
// emphasis, strikethrough, math. None can come from our own templates,
// which put bold around values: "**b**" alone could be a label "b".
var markup = []string{"![", "](", "[click]", "<img", "<b>", "<!--", "<https", "&lt;", "&#60;", "`", "*em* _em_ **b**", "~~", "$x$"}

// Markdown says what in a markdown document would show as markup that the
// record put there, or hide text: everything Terminal checks (line breaks
// allowed), markup from the payloads left unescaped, a list item whose
// text starts a block of its own (heading, quote, list, code), and a table
// row whose cells a "|" from the record split.
func Markdown(md string) string {
	if p := Terminal(md, true, false); p != "" {
		return p
	}
	if strings.Contains(md, "\t") {
		return "a tab (code block in a list)"
	}
	for _, tok := range markup {
		if i := unescaped(md, tok); i >= 0 {
			return fmt.Sprintf("unescaped %q: %q", tok, around(md, i))
		}
	}
	cells := -1
	for n, line := range strings.Split(md, "\n") {
		if rest, ok := strings.CutPrefix(line, "- "); ok {
			if p := blockStart(rest); p != "" {
				return fmt.Sprintf("line %d: list item starts %s: %q", n+1, p, line)
			}
		}
		if !strings.HasPrefix(line, "|") {
			cells = -1
			continue
		}
		k := pipes(line)
		if cells < 0 {
			cells = k
		} else if k != cells {
			return fmt.Sprintf("line %d: table row with %d cell borders, the table has %d: %q", n+1, k, cells, line)
		}
	}
	return ""
}

// blockStart names the block a list item's text would open, or "".
func blockStart(s string) string {
	switch {
	case strings.HasPrefix(s, "**"):
		return "" // our own bold label
	case s == "":
		return "" // an empty item is text too
	case strings.HasPrefix(s, " "):
		return "with spaces (code block)"
	case strings.ContainsRune("#>+-*", rune(s[0])):
		return "with " + s[:1]
	}
	d := 0
	for d < len(s) && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	// "1. x" or "1." alone, of one to nine digits; "0)0", "3.5" or ten
	// digits and a dot are text.
	if d > 0 && d <= 9 && d < len(s) && (s[d] == '.' || s[d] == ')') && (d+1 == len(s) || s[d+1] == ' ') {
		return "an ordered list"
	}
	return ""
}

// unescaped is the index of the first tok in s whose first character no
// backslash escapes, or -1.
func unescaped(s, tok string) int {
	for from := 0; ; {
		i := strings.Index(s[from:], tok)
		if i < 0 {
			return -1
		}
		i += from
		if !escaped(s, i) {
			return i
		}
		from = i + 1
	}
}

// escaped tells whether an odd number of backslashes precede s[i].
func escaped(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// pipes counts a table row's cell borders: the "|" no backslash escapes.
func pipes(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		if line[i] == '|' && !escaped(line, i) {
			n++
		}
	}
	return n
}
