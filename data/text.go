package data

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"
)

// Clean makes a string from a call record safe to print on a terminal. It
// drops C0 and C1 control characters and whole escape sequences (a display
// name carrying "ESC ]52;c;..." would otherwise rewrite the user's clipboard
// over SSH), bidirectional overrides that reorder what is shown, and invalid
// UTF-8. Tabs and line breaks become spaces so that one value stays on one
// line. Clean strings are returned as they are, without allocating.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case r == 0x1b:
			i += escapeLen(s[i:])
			continue
		case r == 0x9b || r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f:
			// C1 CSI, OSC, DCS, PM, APC introduce sequences of their own.
			i += size + sequenceBodyLen(s[i+size:], r == 0x9b)
			continue
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidiControl(r):
			// dropped
		default:
			b.WriteString(s[i : i+size])
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
			// Slow path only for non-ASCII: check validity and C1/bidi.
			for _, r := range s[i:] {
				if r == utf8.RuneError || r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || isBidiControl(r) {
					return false
				}
			}
			return true
		}
	}
	return true
}

// asciiPrefix is the length of s's leading run of printable ASCII (no
// control character, no DEL, nothing from 0x80 up), eight bytes a step.
func asciiPrefix(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		if (hasLess(x, 0x20) | hasByte(x, 0x7f) | x&highs) != 0 {
			break
		}
	}
	for i < len(s) && s[i] >= 0x20 && s[i] < 0x7f {
		i++
	}
	return i
}

func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) ||
		r == 0x200e || r == 0x200f || r == 0x061c
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
