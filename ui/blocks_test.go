package ui

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParagraphHangsUnderTheText(t *testing.T) {
	plain := paint{}
	got := paragraph("✗ PSTN gateway leg: round trip 620 ms (target < 100 ms)", 24, plain)
	want := []string{
		"✗ PSTN gateway leg:     ",
		"  round trip 620 ms     ",
		"  (target < 100 ms)     ",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, l := range paragraph("  • jitter 41 ms > 30 ms on received audio", 20, plain) {
		if !utf8.ValidString(l) || width(l) != 20 {
			t.Errorf("line %q: valid %v, width %d", l, utf8.ValidString(l), width(l))
		}
	}
}
