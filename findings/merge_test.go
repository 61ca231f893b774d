package findings

import (
	"strings"
	"testing"

	"github.com/callscope/callscope/data"
)

func TestMergeKeepsSeverityOrder(t *testing.T) {
	f := func(s data.Severity, text string) data.Finding { return data.Finding{Text: text, Severity: s} }
	fs := []data.Finding{f(data.Problem, "p1"), f(data.Warning, "w1"), f(data.Info, "i1")}
	got := Merge(fs, []data.Finding{f(data.Info, "sip-i"), f(data.Problem, "sip-p"), f(data.Warning, "sip-w")})
	var texts []string
	for _, x := range got {
		texts = append(texts, x.Text)
	}
	if strings.Join(texts, ",") != "p1,sip-p,w1,sip-w,i1,sip-i" {
		t.Errorf("order %v", texts)
	}
	if fs[1].Text != "w1" || len(fs) != 3 {
		t.Error("the record's findings changed")
	}
}
