package load

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/report"
	"github.com/callscope/callscope/samples"
)

func TestPowerShellShapeGivesTheSameReport(t *testing.T) {
	sources := map[string][]byte{"demo": samples.Demo}
	for _, name := range []string{
		"callrecord-get-expand-sessions-v1-2021.json", "callrecord-get-expand-sessions-v1.json",
		"m365cli-spec-callrecord-get-expand-sessions.json", "m365cli-teams-callrecord-get.json",
		"callrecords-list-v1.json", "session-list-expand-segments-v1.json", "callrecord-get-expand-participants_v2-v1.json",
	} {
		sources[name] = fixture.Read(t, "graph", name)
	}
	for name, raw := range sources {
		t.Run(name, func(t *testing.T) {
			ps := fixture.PowerShell(t, raw, false)
			if !bytes.Contains(ps, []byte(`"AdditionalProperties"`)) || bytes.Contains(ps, []byte(`"sessions"`)) {
				t.Fatal("the converter did not produce the PowerShell shape")
			}
			fRaw, err := Load(name, raw)
			if err != nil {
				t.Fatal(err)
			}
			fPS, err := Load(name, ps)
			if err != nil {
				t.Fatal(err)
			}
			if !fPS.PowerShell || fRaw.PowerShell {
				t.Errorf("PowerShell detection: raw %v, ps %v", fRaw.PowerShell, fPS.PowerShell)
			}
			for _, format := range []report.Format{report.FormatJSON, report.FormatText, report.FormatMarkdown} {
				// Paths spell keys as each file does: .sessions[0], .Sessions[0].
				a, b := foldPaths(reportIn(t, fRaw, format)), foldPaths(reportIn(t, fPS, format))
				if a != b {
					t.Errorf("%s report differs:\nraw:\n%s\npowershell:\n%s", format, a, b)
				}
			}
		})
	}
}

func TestWindowsPowerShellDates(t *testing.T) {
	raw := fixture.Read(t, "graph", "callrecord-get-expand-sessions-v1-2021.json")
	f, err := Load("ps51", fixture.PowerShell(t, raw, true))
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Load("raw", raw)
	got, exp := f.Records[0], want.Records[0]
	if !got.Start.Equal(exp.Start.Truncate(time.Millisecond)) || got.Sessions[0].End.IsZero() {
		t.Errorf("start %v, want %v to the millisecond", got.Start, exp.Start)
	}
	if got.Quality != exp.Quality {
		t.Errorf("verdicts %+v, want %+v", got.Quality, exp.Quality)
	}
}

var jsonPath = regexp.MustCompile(`"path":"[^"]*"`)

// foldPaths lower-cases the paths of a JSON report.
func foldPaths(report string) string {
	return jsonPath.ReplaceAllStringFunc(report, strings.ToLower)
}
