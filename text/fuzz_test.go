package text

import (
	"testing"

	attack "github.com/callscope/callscope/internal/hostile"
)

// FuzzMarkdownText: whatever a value holds, Markdown leaves text that a
// markdown renderer shows as text, first in a list item or in a table cell.
func FuzzMarkdownText(f *testing.F) {
	for _, c := range attack.Classes {
		f.Add(c.Payload)
	}
	f.Add("12. x")
	f.Add("a\\|b")
	f.Fuzz(func(t *testing.T, s string) {
		md := "- " + Markdown(s) + "\n\n| **" + Markdown(s) + "** | " + MarkdownCell(s) + " |\n|---|---|\n"
		if p := attack.Markdown(md); p != "" {
			t.Fatalf("%q: %s", s, p)
		}
	})
}

// FuzzClean: Clean leaves terminal text on one line, CleanLines keeps the
// lines and cleans each, and Cut stays within its width.
func FuzzClean(f *testing.F) {
	for _, c := range attack.Classes {
		f.Add(c.Payload, 5)
	}
	f.Add("1\ufe0f\u20e3 keycap", 3)
	f.Fuzz(func(t *testing.T, s string, w int) {
		c := Clean(s)
		if p := attack.Terminal(c, false, false); p != "" {
			t.Fatalf("Clean(%q) = %q: %s", s, c, p)
		}
		if Clean(c) != c {
			t.Fatalf("Clean(%q) is not clean again", s)
		}
		if p := attack.Terminal(CleanLines(s), true, false); p != "" {
			t.Fatalf("CleanLines(%q): %s", s, p)
		}
		w %= 200
		if cut := Cut(c, w); Width(cut) > max(w, 0) || (Width(c) <= w && cut != c) {
			t.Fatalf("Cut(%q, %d) = %q, %d cells", c, w, cut, Width(cut))
		}
	})
}
