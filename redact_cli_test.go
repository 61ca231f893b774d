package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/callscope/callscope/redact"
)

func TestRedactCommand(t *testing.T) {
	demo := filepath.Join("samples", "demo.json")
	code, out, errs := runCLI(t, "", "redact", demo)
	if code != 0 || !strings.Contains(errs, "replaced ") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, personal := range []string{"Alice Okafor", "alice.okafor@contoso.com", "192.168.1.47", "+14255550123", "Others said I was breaking up"} {
		if strings.Contains(out, personal) {
			t.Errorf("%q is still in the redacted record", personal)
		}
	}
	// Redacted from standard input to a file, it reports the same verdicts.
	b, err := os.ReadFile(demo)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "red.json")
	if code, _, errs := runCLI(t, string(b), "redact", "-o", dst, "-"); code != 0 {
		t.Fatalf("-o: exit %d %q", code, errs)
	}
	_, want, _ := runCLI(t, "", "report", "--format", "json", demo)
	_, got, _ := runCLI(t, "", "report", "--format", "json", dst)
	verdicts := func(s string) string {
		t.Helper()
		i, j := strings.Index(s, `"counts"`), strings.Index(s, `"streams"`)
		if i < 0 || j < i {
			t.Fatalf("no counts before streams in the JSON report: %.300q", s)
		}
		return s[i:j]
	}
	if verdicts(got) != verdicts(want) {
		t.Errorf("redaction changed the counts or verdicts:\n%s\n%s", verdicts(got), verdicts(want))
	}
	// --keep leaves a category alone.
	_, kept, _ := runCLI(t, "", "redact", "--keep", "ips", demo)
	if !strings.Contains(kept, "192.168.1.47") || strings.Contains(kept, "Alice Okafor") {
		t.Error("--keep ips")
	}
	for _, args := range [][]string{{"redact"}, {"redact", "--keep", "souls", demo}} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, errs := runCLI(t, "", "redact", "-o", dst, demo); code != 1 || !strings.Contains(errs, "--force") {
		t.Errorf("overwrite: exit %d %q", code, errs)
	}
}

// Issue 13: redact's messages name its own flag (-o), its usage shows
// SOURCE as required, and its summary lists the most replaced first.
func TestRedactMessages(t *testing.T) {
	demo := filepath.Join("samples", "demo.json")
	for _, args := range [][]string{{"redact", "--save", "x.json", demo}, {"redact", demo, "--save=x.json"}, {"redact", "--force", demo}} {
		code, out, errs := runCLI(t, "", args...)
		if code != exitUsage || out != "" || !strings.Contains(errs, "-o FILE") || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	_, usage, _ := runCLI(t, "", "redact", "-h")
	if first, _, _ := strings.Cut(usage, "\n"); !strings.HasSuffix(first, "] SOURCE") {
		t.Errorf("usage line %q: SOURCE is required", first)
	}
	_, _, errs := runCLI(t, "", "redact", demo)
	counts := redactCounts(t, errs)
	for i := 1; i < len(counts); i++ {
		if a, b := counts[i-1], counts[i]; a.n < b.n || a.n == b.n && a.name > b.name {
			t.Errorf("summary not by count, then name: %q", errs)
		}
	}
	if got := redactSummary(map[redact.Category]int{"ips": 59, "ids": 35, "urls": 1, "feedback": 1, "names": 0}); got != "replaced 59 ips, 35 ids, 1 feedback, 1 urls" {
		t.Errorf("summary %q", got)
	}
}

type redactCount struct {
	n    int
	name string
}

func redactCounts(t *testing.T, stderr string) []redactCount {
	t.Helper()
	list, ok := strings.CutPrefix(strings.TrimSpace(stderr), "callscope: replaced ")
	if !ok {
		t.Fatalf("no summary: %q", stderr)
	}
	var out []redactCount
	for _, part := range strings.Split(list, ", ") {
		var c redactCount
		if _, err := fmt.Sscanf(part, "%d %s", &c.n, &c.name); err != nil {
			t.Fatalf("%q: %v", part, err)
		}
		out = append(out, c)
	}
	return out
}
