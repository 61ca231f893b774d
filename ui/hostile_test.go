package ui

import (
	"os"
	"strings"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/load"
)

// hostileFile is a record whose every name carries terminal attacks: OSC 52
// clipboard writes, screen clears, hyperlinks, C1 controls, bidi overrides,
// CR/LF.
func hostileFile(t *testing.T) *data.File {
	t.Helper()
	b, err := os.ReadFile("testdata/hostile.json")
	if err != nil {
		t.Fatal(err)
	}
	f, err := load.Load("hostile.json", b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestHostileStringsNeverReachTheScreen(t *testing.T) {
	f := hostileFile(t)
	for _, size := range [][2]int{{80, 24}, {160, 50}} {
		m := press(loaded(f, size[0], size[1]), "4")
		for i := 0; i < m.ctx.Tree.Rows(); i++ {
			// The row with the tree focused, then the same row's details.
			for range 2 {
				out := m.View().Content
				if bad := foreignSequence(out); bad != "" {
					t.Fatalf("%v row %d: %q reached the screen", size, i, bad)
				}
				if strings.Contains(out, "cHduZWQ") || strings.Contains(out, "pwned") || strings.Contains(out, "evil") {
					t.Fatalf("%v row %d: an escape sequence's payload reached the screen", size, i)
				}
				m = press(m, "tab")
			}
			m = press(m, "j") // the next row
		}
	}
	// The visible text around the attacks survives.
	s := screen(press(loaded(f, 160, 50), "j"))
	for _, want := range []string{"EveRed", "Mallory  Injected"} {
		if !strings.Contains(s, want) {
			t.Errorf("screen lacks %q", want)
		}
	}
}

// foreignSequence returns the first control character or escape sequence
// in s that is not one of our own SGR colour sequences ("ESC [ … m").
func foreignSequence(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 0x1b:
			j := i + 1
			if j >= len(s) || s[j] != '[' {
				return s[i:min(len(s), i+8)]
			}
			j++
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
				j++
			}
			if j >= len(s) || s[j] != 'm' {
				return s[i:min(len(s), j+1)]
			}
			i = j
		case c < 0x20 && c != '\n', c == 0x7f:
			return s[i : i+1]
		}
	}
	for _, r := range s {
		if (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			return string(r)
		}
	}
	return ""
}
