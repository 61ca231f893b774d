package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"-sessions", "3", "-seed", "2"}, 0},
		{[]string{"-sessions", "3", "-poor", "0", "-nextlink"}, 0},
		{[]string{"-sessions", "3", "-o", filepath.Join(dir, "out.json")}, 0},
		{[]string{"-sessions", "-1"}, 2},
		{[]string{"-poor", "1.5"}, 2},
		{[]string{"-bogus"}, 2},
		{[]string{"-sessions", "x"}, 2},
		{[]string{"extra"}, 2},
		{[]string{"-sessions", "3", "-o", filepath.Join(dir, "missing", "out.json")}, 1},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, &stdout, &stderr)
		if code != tc.code {
			t.Errorf("%v: exit %d, want %d (stderr %q)", tc.args, code, tc.code, stderr.String())
			continue
		}
		switch code {
		case 0:
			out := stdout.Bytes()
			if len(out) == 0 {
				out, _ = os.ReadFile(filepath.Join(dir, "out.json"))
			}
			if !json.Valid(out) {
				t.Errorf("%v: output is not valid JSON", tc.args)
			}
		case 1:
			if msg := stderr.String(); strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "gen: ") {
				t.Errorf("%v: stderr %q, want one line", tc.args, msg)
			}
		}
	}
}
