package redact

import (
	"strings"
)

// Identifiers as links and text quote them.

type linkScan struct {
	s              string
	runEnd, domEnd int // ends of the run and of its domain; runEnd 0 before the first run
}

// Lengths beyond which a run cannot be an e-mail address (RFC 5321) or a
// phone number (E.164).
const (
	maxLocal, maxDomain = 64, 255
	maxPhoneDigits      = 15
)

// at finds an identifier starting at s[i]: a GUID, an E.164 number ("+" or
// "%2B" and digits) or an e-mail address ("@" or "%40"), with its decoded
// form, how it was percent-encoded, and its length in s; n is 0 when none
// starts there.
func (l *linkScan) at(i int) (tok string, enc byte, n int) {
	s := l.s
	if len(s)-i >= 36 && isGUID(s[i:i+36]) {
		return s[i : i+36], 0, 36
	}
	if s[i] == '+' || strings.HasPrefix(s[i:], "%2B") || strings.HasPrefix(s[i:], "%2b") {
		start := i + 1
		if s[i] == '%' {
			start, enc = i+3, '+'
		}
		j := start
		for j < len(s) && s[j] >= '0' && s[j] <= '9' && j-start <= maxPhoneDigits {
			j++
		}
		if d := j - start; d >= 6 && d <= maxPhoneDigits {
			return "+" + s[start:j], enc, j - i
		}
		return "", 0, 0
	}
	if !isEmailByte(s[i]) {
		return "", 0, 0
	}
	if i >= l.runEnd {
		j := i
		for j < len(s) && isEmailByte(s[j]) {
			j++
		}
		l.runEnd, l.domEnd = j, -1
	}
	j := l.runEnd
	if j-i > maxLocal {
		return "", 0, 0
	}
	at := 1
	switch {
	case j < len(s) && s[j] == '@':
	case strings.HasPrefix(s[j:], "%40"):
		at, enc = 3, '@'
	default:
		return "", 0, 0
	}
	if l.domEnd < 0 {
		k := j + at
		for k < len(s) && (isWordByte(s[k]) || s[k] == '.' || s[k] == '-') {
			k++
		}
		l.domEnd = k
	}
	k := l.domEnd
	if k == j+at || k-(j+at) > maxDomain {
		return "", 0, 0
	}
	return s[i:j] + "@" + s[j+at:k], enc, k - i
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z' || c == '_'
}

func isEmailByte(c byte) bool { return isWordByte(c) || c == '.' || c == '-' || c == '+' }

func isGUID(s string) bool {
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f') {
				return false
			}
		}
	}
	return true
}

// splice copies src with the spans of items and annots (each in source
// order, as the walk found them) replaced.
