package graph

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// clean makes text from a server or a user safe for one line of a terminal:
// control characters (C0, C1, DEL), bidirectional overrides and invalid
// UTF-8 go, runs of white space become one space, and more than max runes
// are cut with an ellipsis.
func clean(s string, max int) string {
	var b strings.Builder
	space := false
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == 0x1b:
			i += escapeLen(s[i:])
			continue
		case r == utf8.RuneError && size <= 1:
			r = utf8.RuneError
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = b.Len() > 0
			continue
		case unicode.Is(unicode.Bidi_Control, r) || r == '\u200b' || r == '\ufeff':
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
			n++
		}
		if n >= max {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}

// redact replaces every occurrence of secret in s.
func redact(s, secret string) string {
	if len(secret) < 4 || !strings.Contains(s, secret) {
		return s
	}
	return strings.ReplaceAll(s, secret, "[token]")
}

// escapeLen is the length of the rest of a terminal escape sequence whose
// ESC came just before s: a CSI (ESC [ ... final byte), an OSC, DCS, PM or
// APC (ESC ] ... BEL or ESC \), or one more character.
func escapeLen(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case '[':
		for i := 1; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return len(s)
	case ']', 'P', '^', '_':
		for i := 1; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
		return len(s)
	}
	return 1
}
