package text

import (
	"testing"
	"time"
)

func TestFormatMillisAndSpan(t *testing.T) {
	for d, want := range map[time.Duration]string{
		16 * time.Millisecond:      "16 ms",
		16500 * time.Microsecond:   "16.5 ms",
		620 * time.Millisecond:     "620 ms",
		1234567 * time.Microsecond: "1235 ms",
	} {
		if got := FormatMillis(d); got != want {
			t.Errorf("FormatMillis(%v) = %q, want %q", d, got, want)
		}
	}
	for d, want := range map[time.Duration]string{
		26 * time.Second:               "26s",
		5*time.Minute + 12*time.Second: "5m 12s",
		time.Hour + 3*time.Minute:      "1h 03m",
		-1:                             "—",
	} {
		if got := FormatSpan(d); got != want {
			t.Errorf("FormatSpan(%v) = %q, want %q", d, got, want)
		}
	}
}
