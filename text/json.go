package text

import (
	"github.com/callscope/callscope/internal/swar"
	"time"
)

// AppendJSON appends s, cleaned as everywhere callscope writes record text
// (see Clean), as a quoted JSON string: the one JSON string writer for
// record text.
func AppendJSON(b []byte, s string) []byte {
	if jsonPlain(s) {
		// Printable ASCII with nothing to escape: most of a report.
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	return AppendQuoted(b, Clean(s))
}

// AppendJSONTime appends t in UTC as a JSON string in layout, or null for
// the zero time.
func AppendJSONTime(b []byte, t time.Time, layout string) []byte {
	if t.IsZero() {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, layout)
	return append(b, '"')
}

// QuoteJSON is s quoted as a JSON string exactly, nothing cleaned: for
// bytes that must stay as they are (a redacted record keeps every byte it
// does not replace).
func QuoteJSON(s string) string { return string(AppendQuoted(nil, s)) }

// AppendQuoted appends s quoted as a JSON string exactly, nothing cleaned:
// quotes, backslashes and control characters escaped, as JSON requires.
func AppendQuoted(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '"' && c != '\\' && c >= 0x20 {
			continue
		}
		b = append(b, s[start:i]...)
		if c == '"' || c == '\\' {
			b = append(b, '\\', c)
		} else {
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// jsonPlain tells whether s is printable ASCII with nothing to escape in
// JSON, eight bytes a step.
func jsonPlain(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := swar.Load(s, i)
		if (swar.Less(x, 0x20) | swar.Byte(x, 0x7f) | swar.High(x) | swar.Byte(x, '"') | swar.Byte(x, '\\')) != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
