package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
