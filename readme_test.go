package main

import (
	"os"
	"strings"
	"testing"

	"github.com/callscope/callscope/findings"
	"github.com/callscope/callscope/ui"
)

// The README's key table is the key map's: the same keys, the same words.
func TestREADMEKeyTable(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if table := ui.DefaultKeyMap().MarkdownTable(); !strings.Contains(string(b), table) {
		t.Errorf("README.md does not hold the key table; paste this under \"Keys\":\n%s", table)
	}
}

// The README's findings table is the rules the code applies.
func TestREADMEFindingsTable(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if table := findings.Table(); !strings.Contains(string(b), table) {
		t.Errorf("README.md does not hold the findings table; paste this under \"Findings\":\n%s", table)
	}
}

// The README names exactly the two set-up commands, and .ci/run runs the
// same test command.
func TestREADMECommands(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	ci, err := os.ReadFile(".ci/run")
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"go run .", "go test ./..."} {
		if !strings.Contains(string(readme), "\n"+cmd+" ") {
			t.Errorf("README lacks the command %q", cmd)
		}
	}
	if !strings.Contains(string(ci), "\ngo test ./...\n") {
		t.Error(".ci/run must run the README's go test ./...")
	}
}
