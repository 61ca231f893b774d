package findings

import (
	"github.com/callscope/callscope/data"
	"strings"
	"testing"
)

func TestFindingsAreSortedBySeverityKeepingTheirOrder(t *testing.T) {
	in := []data.Finding{{Text: "i1"}, {Text: "w1", Severity: data.Warning}, {Text: "p1", Severity: data.Problem},
		{Text: "i2"}, {Text: "p2", Severity: data.Problem}, {Text: "w2", Severity: data.Warning}}
	var got []string
	for _, f := range sortFindings(in) {
		got = append(got, f.Text)
	}
	if want := "p1 p2 w1 w2 i1 i2"; strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
	sorted := []data.Finding{{Text: "p", Severity: data.Problem}, {Text: "i"}}
	if out := sortFindings(sorted); &out[0] != &sorted[0] {
		t.Error("an already sorted list is copied")
	}
}
