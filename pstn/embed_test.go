package pstn

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/graph"
	"github.com/callscope/callscope/internal/safefile"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/redact"
)

// fakeLogs answers CallLog from canned bodies and errors, and records the
// ranges asked for.
type fakeLogs struct {
	bodies map[string]string
	errs   map[string]error
	asked  []string
}

func (f *fakeLogs) CallLog(_ context.Context, fn string, from, to time.Time) ([]byte, error) {
	f.asked = append(f.asked, fn+" "+from.Format(time.RFC3339)+" "+to.Format(time.RFC3339))
	if err := f.errs[fn]; err != nil {
		return nil, err
	}
	return []byte(f.bodies[fn]), nil
}

func findingTexts(cs []*Call) []string {
	var out []string
	for _, c := range cs {
		for _, f := range c.Findings() {
			out = append(out, f.String())
		}
		for _, u := range c.Unmatched {
			out = append(out, "unmatched "+u.Row.ID()+": "+u.Why)
		}
		out = append(out, "status "+c.Status.String()+" "+c.Note)
	}
	return out
}

func pstnCall() string {
	alice := user("u-alice", "Alice Okafor")
	return record("c1", "09:00:00", "09:10:00",
		session("09:00:00", "09:10:00", phone("+14255550100"), alice,
			segment("09:00:00", "09:10:00", gateway("sbc1.contoso.com/1.0"), alice, "")))
}

// Fetched rows are saved in the record; the saved file, reopened, and the
// same file redacted give what the fetch gave.
func TestAddToRecordRoundTrip(t *testing.T) {
	raw := []byte(pstnCall() + "\n")
	_, r := loadCall(t, string(raw))
	fetch := &fakeLogs{
		bodies: map[string]string{"getDirectRoutingCalls": `{"@odata.context":"ctx","value":[` + strings.Join([]string{
			drRow("mine", "c1", "09:00:02", "+14255550100", "+14255550111", "sbc1.contoso.com", false, 503, "Service Unavailable", 560503),
			drRow("alices-other", "zzz", "09:04:00", "+14255550111", "+14255550777", "sbc2.contoso.com", true, 200, "OK", 0),
			strings.Replace(drRow("stranger", "yyy", "09:04:00", "+14255550888", "+14255550999", "sbc1.contoso.com", true, 200, "OK", 0), "u-alice", "u-stranger", 1),
		}, ",") + `]}`},
		errs: map[string]error{"getPstnCalls": &graph.LogError{HTTPError: &graph.HTTPError{Status: 403, Code: "Forbidden"}, Function: "getPstnCalls"}},
	}
	out, fetched, err := AddToRecord(context.Background(), fetch, r, raw)
	if err != nil || !fetched {
		t.Fatalf("fetched %v, %v", fetched, err)
	}
	if want := []string{"getDirectRoutingCalls 2026-07-14T08:55:00Z 2026-07-14T09:15:00Z", "getPstnCalls 2026-07-14T08:55:00Z 2026-07-14T09:15:00Z"}; !slices.Equal(fetch.asked, want) {
		t.Errorf("asked %q", fetch.asked)
	}
	if !strings.HasPrefix(string(out), strings.TrimSpace(string(raw))[:len(raw)-2]) || !strings.HasSuffix(string(out), "}\n") {
		t.Errorf("the record's bytes stay; the member goes at the end:\n%s", out)
	}
	if strings.Contains(string(out), "stranger") {
		t.Error("another call's row was saved")
	}

	f, err := load.Load("fetched", out)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Warnings) != 0 || len(f.Records[0].Warnings) != 0 {
		t.Errorf("the member is no trouble to the loader: %q %q", f.Warnings, f.Records[0].Warnings)
	}
	src := Embedded(f.Records[0])
	if len(src) != 2 || src[0].Status != Fetched || src[0].Total != 3 || len(src[0].Rows) != 2 ||
		src[1].Status != Forbidden || !strings.Contains(src[1].Error, "CallRecord-PstnCalls.Read.All") {
		t.Fatalf("sources %+v %+v", src[0], src[1])
	}
	live := findingTexts(ForFile(f, nil))
	want := []string{
		"PSTN leg +14255550100 via sbc1.contoso.com: SIP 503 Service Unavailable, sub-reason 560503",
		"unmatched alices-other: its correlationId zzz is another call record's, and it is a call of Alice Okafor, who is on this call, but none of its numbers (+14255550111 → +14255550777) is on this call",
		"status matched ",
	}
	if !slices.Equal(live, want) {
		t.Errorf("live\n got %q\nwant %q", live, want)
	}

	// Saved and reopened.
	p := filepath.Join(t.TempDir(), "call.json")
	if err := safefile.Write(p, out, false); err != nil {
		t.Fatal(err)
	}
	g, err := load.Source(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := findingTexts(ForFile(g, nil)); !slices.Equal(got, live) {
		t.Errorf("reopened\n got %q\nwant %q", got, live)
	}

	// Redacted: the numbers in the rows get the record's pseudonyms, so the
	// rows still match.
	red, _, err := redact.Bytes(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"+14255550100", "+14255550111", "alice@contoso.com", "Alice Okafor"} {
		if strings.Contains(string(red), secret) {
			t.Errorf("redacted file still holds %s", secret)
		}
	}
	h, err := load.Load("redacted", red)
	if err != nil {
		t.Fatal(err)
	}
	cs := ForFile(h, nil)
	if len(cs[0].Matches) != 1 || cs[0].Matches[0].By != "correlationId, number, trunk and time" || len(cs[0].Unmatched) != 1 {
		t.Errorf("redacted: %q", findingTexts(cs))
	}
}

func TestAddToRecordSkipsCallsWithoutLegs(t *testing.T) {
	alice := user("u-alice", "Alice Okafor")
	raw := []byte(record("c", "09:00:00", "09:10:00", session("09:00:00", "09:10:00", alice, user("u-bob", "Bob"))))
	_, r := loadCall(t, string(raw))
	fetch := &fakeLogs{}
	out, fetched, err := AddToRecord(context.Background(), fetch, r, raw)
	if err != nil || fetched || string(out) != string(raw) || len(fetch.asked) != 0 {
		t.Errorf("fetched %v asked %q err %v", fetched, fetch.asked, err)
	}
}

func TestAddToRecordCancelled(t *testing.T) {
	raw := []byte(pstnCall())
	_, r := loadCall(t, string(raw))
	fetch := &fakeLogs{errs: map[string]error{"getDirectRoutingCalls": context.Canceled}}
	if _, _, err := AddToRecord(context.Background(), fetch, r, raw); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelling stops: %v", err)
	}
	fetch = &fakeLogs{errs: map[string]error{"getDirectRoutingCalls": errors.New("cannot reach graph.microsoft.com: timeout")},
		bodies: map[string]string{"getPstnCalls": `{"value":[]}`}}
	out, _, err := AddToRecord(context.Background(), fetch, r, raw)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := load.Load("x", out)
	c := ForFile(f, nil)[0]
	if c.Status != FetchFailed || !strings.Contains(c.Note, "cannot reach graph.microsoft.com") {
		t.Errorf("%v %q", c.Status, c.Note)
	}
}

func TestEmbedShapes(t *testing.T) {
	src := []*Source{{Kind: DirectRouting, Name: "getDirectRoutingCalls", Error: "x"}}
	for in, want := range map[string]string{
		`{}`:             `{"callscope.pstn":{"fromDateTime":null,"toDateTime":null,"logs":[{"function":"getDirectRoutingCalls","status":"fetched","rowsInWindow":0,"value":[]}]}}`,
		"{\"id\":1}\n\n": "{\"id\":1,\"callscope.pstn\":{\"fromDateTime\":null,\"toDateTime\":null,\"logs\":[{\"function\":\"getDirectRoutingCalls\",\"status\":\"fetched\",\"rowsInWindow\":0,\"value\":[]}]}}\n\n",
	} {
		got, err := Embed([]byte(in), src, time.Time{}, time.Time{})
		if err != nil || string(got) != want {
			t.Errorf("Embed(%q)\n got %s (%v)\nwant %s", in, got, err, want)
		}
	}
	for _, bad := range []string{`[]`, `{"id":1`, ``, `{"callscope.pstn":{}}`} {
		if _, err := Embed([]byte(bad), src, time.Time{}, time.Time{}); err == nil {
			t.Errorf("Embed(%q) accepted", bad)
		}
	}
}

// The rows are added in one allocation: a big meeting's bytes are copied
// once, never again to make room for more rows.
func TestEmbedCopiesTheRecordOnce(t *testing.T) {
	src := &Source{Kind: DirectRouting, Name: "getDirectRoutingCalls", Status: Fetched, Total: 200}
	for i := range 200 {
		src.Rows = append(src.Rows, mustRow(t, drRow(fmt.Sprint("r", i), "c", "09:00:00", "+14255550100", "+14255550111", "sbc1.contoso.com", false, 503, "Service Unavailable", 560503), DirectRouting))
	}
	raw := []byte(`{"id":"` + strings.Repeat("x", 1<<20) + `"}` + "\n")
	if n := testing.AllocsPerRun(3, func() {
		if _, err := Embed(raw, []*Source{src}, time.Time{}, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}); n > 1 {
		t.Errorf("%v allocations; want the one that holds the result", n)
	}
}
