package serve

import (
	"os"
	"strings"
	"testing"
)

// A call with PSTN legs fetched from Graph is parsed once: the log rows
// are added to the record the fetch loaded, so the cache keeps that file
// and loads nothing more for an engineer.
func TestPSTNCallFetchedAndLoadedOnce(t *testing.T) {
	f := newFixture(t, fixtureOptions{graph: true})
	raw, err := os.ReadFile("../testdata/crafted-aa-cq-bot-pstn.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.fake.Add(raw); err != nil {
		t.Fatal(err)
	}
	if err := f.fake.AddLogFile("../testdata/pstn/crafted-aa-cq-bot-pstn-dr-log.json"); err != nil {
		t.Fatal(err)
	}
	out, errs, code := f.run(t, f.engineer, "report 7e1d2c3b-9a8f-4e6d-b5c4-a3b2c1d0e9f8")
	if code != 0 || !strings.Contains(out, "SIP 503 Service Unavailable, sub-reason 560503") {
		t.Fatalf("exit %d %s\n%s", code, errs, out)
	}
	if st, _ := f.srv.cache.Stats(); st.Fetches != 1 || st.Loads != 0 {
		t.Errorf("cache %+v: want one fetch and no load after it", st)
	}
}
