package pstn

import "strings"

// normNumber reads a phone number as logs and records write it:
// "tel:+1 (425) 555-0142;ext=12" and "sip:+14255550142@sbc.contoso.com;user=phone"
// give "+14255550142", "0044 20 7946 0000" gives "+442079460000", and a
// number masked by Graph ("+12345678***") keeps its stars. Anything that is
// no number ("Internal Revenue Service", "anonymous") gives "".
func normNumber(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ':'); i >= 0 && i <= 4 {
		switch strings.ToLower(s[:i]) {
		case "tel", "sip", "sips":
			s = s[i+1:]
		}
	}
	if i := strings.IndexAny(s, ";@"); i >= 0 {
		s = s[:i]
	}
	var b strings.Builder
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9' || c == '*':
			b.WriteByte(c)
			digits++
		case c == '+' && b.Len() == 0:
			b.WriteByte(c)
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/':
		default:
			return ""
		}
	}
	n := b.String()
	if strings.HasPrefix(n, "00") {
		n = "+" + n[2:]
	}
	if digits < 3 {
		return ""
	}
	return n
}

// minNational is the fewest digits a number without its country code may
// have and still be taken for the end of an E.164 number.
const minNational = 7

// sameNumber tells whether two numbers are one: equal once read by
// normNumber; with Graph's stars matching any digit; or one written without
// its country code ("4255550142") the end of the other ("+14255550142").
func sameNumber(a, b string) bool {
	a, b = normNumber(a), normNumber(b)
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	ap, bp := strings.HasPrefix(a, "+"), strings.HasPrefix(b, "+")
	if ap == bp {
		return masked(a, b)
	}
	if ap {
		a, b = b, a // a is the one without its country code
	}
	b = strings.TrimPrefix(b, "+")
	a = strings.TrimLeft(a, "0") // a national trunk prefix
	if len(a) < minNational || len(a) > len(b) {
		return false
	}
	return masked(a, b[len(b)-len(a):])
}

// masked compares numbers of one length, a star matching any digit.
func masked(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] && a[i] != '*' && b[i] != '*' {
			return false
		}
	}
	return true
}
