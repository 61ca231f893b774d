package report

import (
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/load"
	"strings"
	"testing"
)

func TestFindingsInReports(t *testing.T) {
	f, err := load.Load("x", []byte(fixture.OneSession(`{"micGlitchRate":14.5}`, "null", "")))
	if err != nil {
		t.Fatal(err)
	}
	text, md, js := reportIn(t, f, FormatText), reportIn(t, f, FormatMarkdown), reportIn(t, f, FormatJSON)
	if !strings.Contains(text, "Findings (1)\n  warning  Alice: microphone glitches 14.5 per 5 min") {
		t.Errorf("text:\n%s", text)
	}
	if !strings.Contains(md, "- **warning** Alice: microphone glitches 14.5 per 5 min") {
		t.Errorf("markdown:\n%s", md)
	}
	if !strings.Contains(js, `"findings":[{"session":"s1","who":"Alice","text":"microphone glitches 14.5 per 5 min","severity":"warning"}]`) {
		t.Errorf("json:\n%s", js)
	}
}
