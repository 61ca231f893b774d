package pstn

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/load"
)

// matchedLegs is, for each source row in order, the leg it went to: the
// leg's index, -1 for the call as a whole, "u" for unmatched, "-" for
// left out as another call's.
func matchedLegs(c *Call, rows []*Row) []string {
	var out []string
	for _, r := range rows {
		s := "-"
		for _, m := range c.Matches {
			if m.Row == r {
				s = itoa(int64(m.Leg))
			}
		}
		for _, u := range c.Unmatched {
			if u.Row == r {
				s = "u"
			}
		}
		out = append(out, s)
	}
	return out
}

func TestLegsOfCraftedRecord(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "crafted-aa-cq-bot-pstn.json"))
	if err != nil {
		t.Fatal(err)
	}
	_, r := loadCall(t, string(b))
	var got []string
	for _, l := range Legs(r) {
		got = append(got, l.Who+" @"+itoa(int64(l.Session))+"/"+itoa(int64(l.Segment)))
	}
	want := []string{
		"PSTN leg +14255550142 via sbc1.contoso.com @0/0",
		"PSTN leg +14255550142 via AudioCodes @1/0",
		"PSTN leg +14255550142 via sbc1.contoso.com @2/0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("legs\n got %q\nwant %q", got, want)
	}
	if l := Legs(r)[1]; l.Failure == nil || l.Failure.Reason != "SbcNotResponding" {
		t.Errorf("the failed leg keeps its failureInfo: %+v", l.Failure)
	}
}

func TestLegsKinds(t *testing.T) {
	alice := user("u-alice", "Alice Okafor")
	for name, tc := range map[string]struct {
		rec  string
		want []string
	}{
		"teams to teams: none": {record("c", "09:00:00", "09:10:00",
			session("09:00:00", "09:10:00", alice, user("u-bob", "Bob"), segment("09:00:00", "09:10:00", alice, user("u-bob", "Bob"), ""))), nil},
		"gateway segment": {record("c", "09:00:00", "09:10:00",
			session("09:00:00", "09:10:00", phone("+14255550100"), alice, segment("09:00:00", "09:10:00", gateway("sbc1.contoso.com/1.0"), alice, ""))),
			[]string{"PSTN leg +14255550100 via sbc1.contoso.com @0/0"}},
		"mediation server only": {record("c", "09:00:00", "09:10:00",
			session("09:00:00", "09:10:00", phone("+14255550100"), alice, segment("09:00:00", "09:10:00", mediation(), alice, ""))),
			[]string{"PSTN leg +14255550100 @0/0"}},
		"a phone without a gateway or mediation segment": {record("c", "09:00:00", "09:10:00",
			session("09:00:00", "09:10:00", phone("+14255550100"), alice, segment("09:00:00", "09:10:00", alice, alice, ""))),
			[]string{"PSTN leg +14255550100 @0/-1"}},
		"two SBCs in one session (failover)": {record("c", "09:00:00", "09:10:00",
			session("09:00:00", "09:10:00", phone("+14255550100"), alice,
				segment("09:00:00", "09:00:05", gateway("sbc1.contoso.com/1.0"), alice, "SbcNotResponding"),
				segment("09:00:05", "09:10:00", gateway("sbc2.contoso.com/1.0"), alice, ""))),
			[]string{"PSTN leg +14255550100 via sbc1.contoso.com @0/0", "PSTN leg +14255550100 via sbc2.contoso.com @0/1"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, r := loadCall(t, tc.rec)
			var got []string
			for _, l := range Legs(r) {
				got = append(got, l.Who+" @"+itoa(int64(l.Session))+"/"+itoa(int64(l.Segment)))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// The demo call has a PSTN leg: it is found, and named as the tree names it.
func TestLegsOfDemo(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "samples", "demo.json"))
	if err != nil {
		t.Fatal(err)
	}
	_, r := loadCall(t, string(b))
	legs := Legs(r)
	if len(legs) == 0 {
		t.Fatal("no PSTN leg in the demo")
	}
	for _, l := range legs {
		if !strings.HasPrefix(l.Who, "PSTN leg +") {
			t.Errorf("leg %q", l.Who)
		}
	}
}

// No public Graph example of a call record has a PSTN leg: none is made up.
func TestNoLegsInPublicRecords(t *testing.T) {
	for _, name := range []string{"callrecord-get-expand-sessions-v1.json", "callrecord-get-expand-sessions-v1-2021.json",
		"m365cli-spec-callrecord-get-expand-sessions.json", "session-list-expand-segments-v1.json"} {
		f, err := load.Load(name, sample(t, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range f.Records {
			if legs := Legs(r); len(legs) != 0 {
				t.Errorf("%s: %d legs: %q", name, len(legs), legs[0].Who)
			}
		}
	}
}

func TestMatchInboundLeg(t *testing.T) {
	alice := user("u-alice", "Alice Okafor")
	_, r := loadCall(t, record("c1", "09:00:00", "09:10:00",
		session("09:00:00", "09:10:00", phone("+14255550100"), alice,
			segment("09:00:00", "09:10:00", gateway("sbc1.contoso.com/1.0"), alice, ""))))
	src := rowsOf(t, DirectRouting,
		drRow("r1", "C1", "09:00:02", "+1 425 555 0100", "+14255550111", "SBC1.contoso.com", true, 200, "OK", 540000),
		drRow("r2", "other", "09:30:00", "+14255550900", "+14255550901", "sbc1.contoso.com", true, 200, "OK", 540000),
		drRow("r3", "other", "09:01:00", "+14255550100", "+14255550111", "sbc9.contoso.com", false, 486, "Busy Here", 0))
	c := MatchCall(r, []*Source{src})
	if got := matchedLegs(c, src.Rows); !slices.Equal(got, []string{"0", "-", "u"}) {
		t.Fatalf("legs %q", got)
	}
	if w := c.Unmatched[0].Why; w != "its trunk sbc9.contoso.com is not the SBC of the PSTN leg +14255550100 via sbc1.contoso.com" {
		t.Errorf("why %q", w)
	}
	if m := c.Matches[0]; m.By != "correlationId, number, trunk and time" {
		t.Errorf("by %q", m.By)
	}
	if c.Status != Matched || c.Note != "" {
		t.Errorf("status %v %q", c.Status, c.Note)
	}
	fs := c.Findings()
	if len(fs) != 1 || fs[0].String() != "PSTN leg +14255550100 via sbc1.contoso.com: SIP 200 OK, sub-reason 540000" || fs[0].Severity != data.Info {
		t.Errorf("findings %v", fs)
	}
	if fs[0].At != (data.Place{Se: 0, Sg: 0, Md: -1, St: -1}) || fs[0].Session != "sess" {
		t.Errorf("at %+v %q", fs[0].At, fs[0].Session)
	}
}

func TestMatchFailedLeg(t *testing.T) {
	alice := user("u-alice", "Alice Okafor")
	_, r := loadCall(t, record("c2", "09:00:00", "09:00:20",
		session("09:00:00", "09:00:20", alice, phone("+14255550199"),
			segment("09:00:00", "09:00:20", alice, gateway("sbc1.contoso.com/1.0"), "SbcNotResponding"))))
	src := rowsOf(t, DirectRouting,
		drRow("r1", "c2", "09:00:01", "+14255550111", "+14255550199", "sbc1.contoso.com", false, 503, "Service Unavailable", 560503))
	c := MatchCall(r, []*Source{src})
	fs := c.Findings()
	if len(fs) != 1 {
		t.Fatalf("findings %v", fs)
	}
	if got := fs[0].String(); got != "PSTN leg +14255550199 via sbc1.contoso.com: SIP 503 Service Unavailable, sub-reason 560503" {
		t.Errorf("finding %q", got)
	}
	if fs[0].Severity != data.Problem {
		t.Errorf("severity %v", fs[0].Severity)
	}
	if !src.Rows[0].Failed() || Cells(src.Rows[0])[5] != "✗ 503 Service Unavailable" {
		t.Errorf("cells %q", Cells(src.Rows[0]))
	}
	if l := c.Legs[0]; l.Failure == nil || l.Failure.Reason != "SbcNotResponding" {
		t.Errorf("leg %+v", l)
	}
}

// Several legs of one call (auto attendant, call queue, user: the crafted
// record): rows go to the leg that fits best; an SBC that is another host
// rules a leg out.
func TestMatchSeveralLegs(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "crafted-aa-cq-bot-pstn.json"))
	if err != nil {
		t.Fatal(err)
	}
	_, r := loadCall(t, string(b))
	id := "7e1d2c3b-9a8f-4e6d-b5c4-a3b2c1d0e9f8"
	src := rowsOf(t, DirectRouting,
		drRow("late", id, "09:06:05", "+14255550142", "+14255550111", "sbc1.contoso.com", true, 200, "OK", 0),
		drRow("early", id, "09:00:01", "+14255550142", "+14255550111", "sbc1.contoso.com", true, 200, "OK", 0),
		drRow("other-sbc", id, "09:02:00", "+14255550142", "+14255550111", "sbc9.contoso.com", false, 408, "Request Timeout", 0),
		drRow("no-signal", id, "12:00:00", "", "", "", false, 500, "Server Internal Error", 0))
	c := MatchCall(r, []*Source{src})
	if got := matchedLegs(c, src.Rows); !slices.Equal(got, []string{"2", "0", "1", "-1"}) {
		t.Errorf("legs %q", got)
	}
	fs := c.Findings()
	if len(fs) != 4 || fs[3].At.Se != -1 || fs[3].Who != "PSTN leg" {
		t.Errorf("a row of the call on no leg: %+v", fs[len(fs)-1])
	}
	if c.OnLeg(2)[0].Row.DR.ID != "late" || len(c.OnLeg(-1)) != 1 {
		t.Errorf("OnLeg")
	}
}

// A transfer: two Direct Routing rows of one correlationId, different
// numbers, each to its own leg; and the transferred leg's row under its own
// correlationId (as the PSTN usage report shows dr_out_user_transfer) by
// number and time.
func TestMatchTransfer(t *testing.T) {
	alice := user("u-alice", "Alice Okafor")
	_, r := loadCall(t, record("t1", "09:00:00", "09:10:00",
		session("09:00:00", "09:05:00", phone("+14255550100"), alice,
			segment("09:00:00", "09:05:00", gateway("sbc1.contoso.com/1.0"), alice, "")),
		session("09:05:00", "09:10:00", alice, phone("+14255550199"),
			segment("09:05:00", "09:10:00", alice, gateway("sbc1.contoso.com/1.0"), ""))))
	src := rowsOf(t, DirectRouting,
		drRow("in", "t1", "09:00:01", "+14255550100", "+14255550111", "sbc1.contoso.com", true, 200, "OK", 0),
		drRow("out", "t1", "09:05:02", "+14255550100", "+14255550199", "sbc1.contoso.com", true, 200, "OK", 0),
		drRow("out2", "f45e9a25-9f94-46e7-a457-84f5940efde9", "09:05:03", "+14255550111", "+14255550199", "sbc1.contoso.com", true, 200, "OK", 0))
	c := MatchCall(r, []*Source{src})
	if got := matchedLegs(c, src.Rows); !slices.Equal(got, []string{"0", "1", "1"}) {
		t.Errorf("legs %q", got)
	}
	if c.Matches[2].By != "number, trunk and time" {
		t.Errorf("by %q", c.Matches[2].By)
	}
	fs := c.Findings()
	if fs[0].Who != "PSTN leg +14255550100 via sbc1.contoso.com" || fs[1].Who != "PSTN leg +14255550199 via sbc1.contoso.com" {
		t.Errorf("findings %v", fs)
	}
}

func TestMatchCallingPlan(t *testing.T) {
	alice := user("u-alice", "Alice Okafor")
	_, r := loadCall(t, record("cp", "09:00:00", "09:03:39",
		session("09:00:00", "09:03:39", phone("+14255550100"), alice,
			segment("09:00:00", "09:03:39", mediation(), alice, ""))))
	src := rowsOf(t, CallingPlan,
		cpRow("match", "09:00:08", "09:03:47", "user_in", "+14255550100", "+14255550111"),
		cpRow("later", "11:00:00", "11:01:00", "user_in", "+14255550100", "+14255550111"),
		cpRow("alice-other", "09:01:00", "09:02:00", "user_out", "+14255550111", "+14255550777"),
		cpRow("stranger", "09:01:00", "09:02:00", "user_in", "+14255550555", "+14255550666"))
	src.Rows[3].CP.User.ID = "u-stranger"
	c := MatchCall(r, []*Source{src})
	if got := matchedLegs(c, src.Rows); !slices.Equal(got, []string{"0", "-", "u", "-"}) {
		t.Fatalf("legs %q", got)
	}
	if c.Matches[0].By != "number and time" {
		t.Errorf("by %q", c.Matches[0].By)
	}
	if got := c.Findings()[0].String(); got != "PSTN leg +14255550100: Calling Plan inbound call, 3m 39s, United States" {
		t.Errorf("finding %q", got)
	}
	if w := c.Unmatched[0].Why; !strings.Contains(w, "Alice Okafor, who is on this call") {
		t.Errorf("why %q", w)
	}
}

// Calls with no rows say why: not fetched, not permitted, failed, not found.
func TestStatusWithoutRows(t *testing.T) {
	alice := user("u-alice", "Alice Okafor")
	legged := record("c3", "09:00:00", "09:10:00",
		session("09:00:00", "09:10:00", phone("+14255550100"), alice,
			segment("09:00:00", "09:10:00", gateway("sbc1.contoso.com/1.0"), alice, "")))
	_, r := loadCall(t, legged)
	other := rowsOf(t, DirectRouting, drRow("x", "other", "09:01:00", "+14255550900", "+14255550901", "sbc1.contoso.com", true, 200, "OK", 0))
	other.Rows[0].DR.User.ID = "u-stranger"
	other.Total = 1
	other.From, other.To, _ = Window(r)
	for name, tc := range map[string]struct {
		sources []*Source
		status  Status
		note    string
	}{
		"nothing fetched": {nil, NotFetched, "no PSTN or Direct Routing log was fetched or given"},
		"refused":         {[]*Source{{Kind: DirectRouting, Name: "getDirectRoutingCalls", Status: Forbidden}, {Kind: CallingPlan, Name: "getPstnCalls", Status: Forbidden}}, NotPermitted, "CallRecord-PstnCalls.Read.All or CallRecords.Read.All"},
		"failed":          {[]*Source{{Kind: DirectRouting, Name: "getDirectRoutingCalls", Status: Failed, Error: "cannot reach graph"}}, FetchFailed, "cannot reach graph"},
		"not found":       {[]*Source{other}, NotFound, "no PSTN or Direct Routing log row for this call between 2026-07-14 08:55:00 UTC and 2026-07-14 09:15:00 UTC (1 row of other calls in that time)"},
		"not in a file":   {[]*Source{{Kind: DirectRouting, Name: "dr.json"}}, NotFound, "in the logs given"},
	} {
		t.Run(name, func(t *testing.T) {
			c := MatchCall(r, tc.sources)
			if c.Status != tc.status || !strings.Contains(c.Note, tc.note) {
				t.Errorf("status %v note %q", c.Status, c.Note)
			}
			if len(c.Findings()) != 0 {
				t.Error("no rows, no findings")
			}
		})
	}
	_, teams := loadCall(t, record("c4", "09:00:00", "09:10:00", session("09:00:00", "09:10:00", alice, user("u-bob", "Bob"))))
	if c := MatchCall(teams, []*Source{other}); c.Status != NoLegs || c.Note != "" || len(c.Unmatched) != 0 {
		t.Errorf("a call without PSTN legs has nothing to say: %v %q", c.Status, c.Note)
	}
}

// The public Direct Routing and PSTN examples match calls made for them:
// by correlationId, the masked number, the trunk and time; by number and
// time.
func TestMatchPublicSamples(t *testing.T) {
	day := func(s string) string { return strings.ReplaceAll(s, "2026-07-14", "2019-11-01") }
	dr, err := Parse("dr", sample(t, "getdirectroutingcalls-v1.json"), load.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	alice := user("db03c14b-06eb-4189-939b-7cbf3a20ba27", "Richard Malk")
	_, r := loadCall(t, day(record("c98e1515-a937-4b81-b8a8-3992afde64e0", "00:00:21", "00:00:30",
		session("00:00:21", "00:00:30", phone("+12345678901"), alice,
			segment("00:00:21", "00:00:30", gateway("tll-audiocodes01.adatum.biz/7.40A.250"), alice, "")))))
	c := MatchCall(r, []*Source{{Kind: DirectRouting, Rows: dr.Rows}})
	if len(c.Matches) != 1 || c.Matches[0].Leg != 0 || c.Matches[0].By != "correlationId, number, trunk and time" {
		t.Fatalf("matches %+v", c.Matches)
	}
	if got := c.Findings()[0].String(); got != "PSTN leg +12345678901 via tll-audiocodes01.adatum.biz: SIP BYE, sub-reason 540000" {
		t.Errorf("finding %q", got)
	}

	cp, err := Parse("cp", sample(t, "getpstncalls-v1.json"), load.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	_, r = loadCall(t, day(record("2b3a0a64-0000-4000-8000-000000000001", "00:00:05", "00:03:47",
		session("00:00:05", "00:03:47", phone("+0123456789"), alice,
			segment("00:00:05", "00:03:47", mediation(), alice, "")))))
	c = MatchCall(r, []*Source{{Kind: CallingPlan, Rows: cp.Rows}})
	if len(c.Matches) != 1 || c.Matches[0].Leg != 0 || c.Matches[0].By != "number and time" {
		t.Fatalf("matches %+v", c.Matches)
	}
}
