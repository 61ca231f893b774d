// Package text is the one place record text is made safe and shaped for
// output: Clean for a terminal, Markdown for a ticket, AppendJSON for JSON;
// display widths and cuts on grapheme boundaries; plurals and the numbers,
// times and spans every view and report shows.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/callscope/callscope/internal/swar"
)

// Clean makes a string from a call record safe to print on a terminal, on
// one line. It drops C0 and C1 control characters and whole escape
// sequences (a display name carrying "ESC ]52;c;..." would otherwise rewrite
// the user's clipboard over SSH), and invisible format characters: bidi
// controls that reorder what is shown, zero-width spaces, soft hyphens, tag
// characters and the like, which hide text from the reader or carry text no
// one sees. Joiners (ZWJ, ZWNJ) and variation selectors stay where they
// shape something: right after a non-ASCII letter or emoji, at most two in
// a row, as Persian, Indic scripts and emoji sequences use them. Invalid
// UTF-8 becomes U+FFFD. Tabs and line breaks become spaces so that one value
// stays on one line. Clean strings are returned as they are, without
// allocating.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var prev rune // the last rune kept, other than joiners and selectors
	joins := 0    // joiners and selectors kept since prev
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
			prev, joins = r, 0
		case r == 0x1b:
			i += escapeLen(s[i:])
			continue
		case r == 0x9b || r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f:
			// C1 CSI, OSC, DCS, PM, APC introduce sequences of their own.
			i += size + sequenceBodyLen(s[i+size:], r == 0x9b)
			continue
		case r == '\t' || r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029:
			b.WriteByte(' ')
			prev, joins = ' ', 0
		case isControl(r):
			// dropped
		case isJoiner(r):
			if prev >= 0x80 && joins < 2 {
				b.WriteString(s[i : i+size])
				joins++
			}
		case isInvisible(r):
			// dropped
		default:
			b.WriteString(s[i : i+size])
			prev, joins = r, 0
		}
		i += size
	}
	return b.String()
}

func isClean(s string) bool {
	i := asciiPrefix(s)
	for ; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			return false
		}
		if c >= 0x80 {
			// Slow path only for non-ASCII: the rules of Clean, rune by rune.
			prev, joins := rune(0), 0
			if i > 0 {
				prev = rune(s[i-1])
			}
			for _, r := range s[i:] {
				switch {
				case r == utf8.RuneError || r == '\t' || r == '\n' || r == '\r' || r == 0x2028 || r == 0x2029 || isControl(r):
					return false
				case isJoiner(r):
					if prev < 0x80 || joins == 2 {
						return false
					}
					joins++
					continue
				case isInvisible(r):
					return false
				}
				prev, joins = r, 0
			}
			return true
		}
	}
	return true
}

// isControl is true for C0 and C1 control characters and DEL.
func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

// isJoiner is true for the zero-width joiner and non-joiner and the
// variation selectors: invisible, they shape the character before them.
func isJoiner(r rune) bool {
	return r == 0x200c || r == 0x200d || (r >= 0xfe00 && r <= 0xfe0f) || (r >= 0xe0100 && r <= 0xe01ef)
}

// isInvisible is true for format characters (Unicode category Cf): bidi
// controls, zero-width space, word joiner, BOM, soft hyphen (terminals draw
// it zero or one cell wide), tag characters, interlinear annotations.
func isInvisible(r rune) bool { return r >= 0xad && unicode.Is(unicode.Cf, r) }

// CleanLines is Clean for a text of many lines, such as a copied node's
// JSON, markdown or pane text printed on a terminal: every line is cleaned,
// line breaks ("\r\n", "\n" or a lone "\r", which would draw over the line)
// become "\n" and tabs stay. An escape sequence ends with its line.
func CleanLines(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '\n' && s[i] != '\r' && s[i] != '\t' {
			continue
		}
		b.WriteString(Clean(s[start:i]))
		if i < len(s) {
			switch s[i] {
			case '\t':
				b.WriteByte('\t')
			case '\r':
				if i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
				b.WriteByte('\n')
			default:
				b.WriteByte('\n')
			}
		}
		start = i + 1
	}
	return b.String()
}

// Width is how many cells s takes on a terminal, escape sequences aside:
// grapheme by grapheme, as lipgloss measures (ansi.StringWidth), so that
// what callscope lines up lines up in the explorer too.
func Width(s string) int { return ansi.StringWidth(s) }

// Cut shortens s to at most w cells, ending in "…" when it cuts. It cuts
// between graphemes: never inside a UTF-8 sequence, never between a letter
// and its accent or inside an emoji; escape sequences are kept whole. Ids,
// names, titles and every line of the explorer are cut with it.
func Cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if Width(s) <= w {
		return s
	}
	// ansi.Truncate measures an ASCII letter as one cell even when a
	// variation selector after it makes it two ("1️⃣"): cut shorter until
	// the result fits.
	for n := w; n > 0; n-- {
		if t := ansi.Truncate(s, n, "…"); Width(t) <= w {
			return t
		}
	}
	return ""
}

// asciiPrefix is the length of s's leading run of printable ASCII (no
// control character, no DEL, nothing from 0x80 up), eight bytes a step.
func asciiPrefix(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := swar.Load(s, i)
		if (swar.Less(x, 0x20) | swar.Byte(x, 0x7f) | swar.High(x)) != 0 {
			break
		}
	}
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f {
		i++
	}
	return i
}

// escapeLen is the length of the escape sequence at the start of s (s[0] is ESC).
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + sequenceBodyLen(s[2:], true)
	case ']', 'P', '^', '_', 'X':
		return 2 + sequenceBodyLen(s[2:], false)
	default:
		// Two-byte sequences such as ESC c (reset) or ESC 7.
		_, size := utf8.DecodeRuneInString(s[1:])
		return 1 + size
	}
}

// sequenceBodyLen measures the rest of a control sequence: for CSI up to and
// including its final byte, for OSC/DCS/PM/APC up to BEL or ST (ESC \ or 0x9c).
// An unterminated sequence swallows the rest of the string, which is what a
// terminal would do with it too.
func sequenceBodyLen(s string, csi bool) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if csi {
			if c >= 0x40 && c <= 0x7e {
				return i + 1
			}
			if c < 0x20 || c > 0x7e {
				return i
			}
			continue
		}
		switch {
		case c == 0x07:
			return i + 1
		case c == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case c == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c:
			return i + 2
		}
	}
	return len(s)
}
