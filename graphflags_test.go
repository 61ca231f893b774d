package main

import (
	"strings"
	"testing"
)

// A --graph-url refused in an error does not show the password or query
// a proxy's URL may hold.
func TestRefusedGraphURLHidesItsSecrets(t *testing.T) {
	for _, u := range []string{
		"http://user:s3cret@graph.example.com/?token=s3cret",
		"https://user:s3cret@graph.example.com/beta?sig=s3cret",
		"ftp://user:s3cret@graph.example.com/?token=s3cret",
	} {
		code, _, errs := runCLI(t, "", "list", "--graph-url", u)
		if code == 0 || strings.Contains(errs, "s3cret") || !strings.Contains(errs, "graph.example.com") {
			t.Errorf("%s: exit %d, %q", u, code, errs)
		}
	}
}
