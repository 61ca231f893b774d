package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/callscope/callscope/data"
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

// `callscope --id` of a call with PSTN legs parses the record once: the
// log rows are added to the record already loaded, not by loading the
// bytes with them again; what it prints and saves is what the saved file
// gives when reopened.
func TestFetchByIDParsesOnce(t *testing.T) {
	fakeGraphWithCraftedCall(t)
	parses := 0
	load := loadFetched
	t.Cleanup(func() { loadFetched = load })
	loadFetched = func(name string, b []byte) (*data.File, error) {
		parses++
		return load(name, b)
	}
	saved := filepath.Join(t.TempDir(), "call.json")
	code, live, errs := runCLI(t, "", "report", "--format", "json", "--id", craftedPSTNID, "--save", saved)
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	if parses != 1 {
		t.Errorf("the fetched record was parsed %d times, want once", parses)
	}
	if !strings.Contains(live, "SIP 503 Service Unavailable, sub-reason 560503") {
		t.Errorf("the failed leg's row:\n%s", live)
	}
	if _, again, _ := runCLI(t, "", "report", "--format", "json", saved); again != live {
		t.Errorf("the saved file reopens otherwise:\n%s\nlive:\n%s", again, live)
	}
}
