package text

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Plural is "1 stream", "2 streams", or with many given "2 media".
func Plural(n int, one string, many ...string) string {
	if n == 1 {
		return "1 " + one
	}
	if len(many) > 0 {
		return fmt.Sprintf("%d %s", n, many[0])
	}
	return fmt.Sprintf("%d %ss", n, one)
}

// TrimFloat shows f with at most prec decimals and no trailing zeros:
// 1.50 → "1.5", 2.00 → "2".
func TrimFloat(f float64, prec int) string {
	s := strconv.FormatFloat(f, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// FormatMillis shows a duration in milliseconds, the unit engineers read
// jitter and round trip in.
func FormatMillis(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	if ms == math.Trunc(ms) || math.Abs(ms) >= 100 {
		return strconv.FormatFloat(math.Round(ms), 'f', -1, 64) + " ms"
	}
	return TrimFloat(ms, 1) + " ms"
}

// FormatPercent shows a 0..1 fraction as a percentage: 0.152 → "15.2 %".
func FormatPercent(f float64) string {
	return TrimFloat(f*100, 1) + " %"
}

// FormatSpan shows a call or session length: "42s", "5m 12s", "1h 03m".
func FormatSpan(d time.Duration) string {
	if d < 0 {
		return "—"
	}
	s := int64(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm %02ds", s/60, s%60)
	case s < 86400:
		return fmt.Sprintf("%dh %02dm", s/3600, (s%3600)/60)
	default:
		return fmt.Sprintf("%dd %02dh", s/86400, (s%86400)/3600)
	}
}

// TimeText shows a time in UTC, as Graph gives it.
func TimeText(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// SplitCamel turns "skypeForBusinessCallQueues" into "skype for business
// call queues". Its input is record text (an unknown key or enum value), so
// its output is cleaned.
func SplitCamel(s string) string {
	s = Clean(s)
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// OneLine is Clean with every run of white space made one space and none
// at either end: an error or a server's message on one line of stderr.
func OneLine(s string) string {
	c := Clean(s)
	// Nearly all record text is one line already: then no allocation
	// (tens of thousands of rows of the problems list are built at once).
	for i := 0; i < len(c); i++ {
		if b := c[i]; b >= 0x80 || b < ' ' || b == ' ' && (i == 0 || i == len(c)-1 || c[i+1] == ' ') {
			return strings.Join(strings.Fields(c), " ")
		}
	}
	return c
}

// Truncate keeps at most n runes of s, the last of them "…" when it cuts.
func Truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
