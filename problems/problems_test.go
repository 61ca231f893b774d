package problems_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/findings"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/internal/hostile"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/problems"
	"github.com/callscope/callscope/report"
	"github.com/callscope/callscope/samples"
)

func loadRecords(t testing.TB, name string, doc []byte) []*data.Record {
	t.Helper()
	f, err := load.Load(name, doc)
	if err != nil {
		t.Fatal(err)
	}
	return f.Records
}

func demo(t testing.TB) *data.Record { return loadRecords(t, "demo.json", samples.Demo)[0] }

// corpus is every record the tests look at: the demo, the crafted
// auto-attendant/call-queue/bot/PSTN call, the public Graph samples and a
// generated meeting.
func corpus(t *testing.T) map[string]*data.Record {
	t.Helper()
	out := map[string]*data.Record{
		"demo":      demo(t),
		"crafted":   loadRecords(t, "crafted.json", fixture.Read(t, "crafted-aa-cq-bot-pstn.json"))[0],
		"generated": loadRecords(t, "gen.json", fixture.Generated(t, 300, 7))[0],
	}
	for _, path := range fixture.Glob(t, "graph/*.json") {
		f, err := load.Load(path, fixture.Read(t, "graph", filepath.Base(path)))
		if err != nil {
			continue // not a call record (a PSTN report, a notification): covered elsewhere
		}
		for i, r := range f.Records {
			out[fmt.Sprintf("%s#%d", filepath.Base(path), i)] = r
		}
	}
	return out
}

// find is the one row that says what, or a failure.
func find(t *testing.T, rows []problems.Row, what string) problems.Row {
	t.Helper()
	var found []problems.Row
	for _, r := range rows {
		if strings.Contains(r.What, what) {
			found = append(found, r)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d rows say %q, want 1: %+v", len(found), what, found)
	}
	return found[0]
}

func TestDemoRows(t *testing.T) {
	r := demo(t)
	rows := problems.Build(r)
	var n [3]int
	for _, row := range rows {
		n[row.Severity]++
	}
	// The demo: Chiara's failed session; Alice's poor feedback, two network
	// problems and poor received audio; Bob's poor screen sharing; Dev's
	// poor video; the PSTN leg's poor audio; fifteen warnings.
	if n != [3]int{1, 7, 15} {
		t.Errorf("failed, problems, warnings = %v, want [1 7 15]", n)
	}
	cases := []struct {
		what     string
		row      problems.Row
		when     string
		at       data.Place
		category problems.Category
	}{
		{"failed at call setup", problems.Row{Severity: problems.Failed, Who: "Chiara Rossi (Guest)", Media: problems.NoMedia},
			"3:09", data.Place{Se: 3, Sg: -1, Md: -1, St: -1}, problems.Failure},
		{"poor received audio: packet loss 15.2 % > 10 %, jitter 41 ms > 30 ms", problems.Row{Severity: problems.Problem, Who: "Alice Okafor", Media: problems.Audio},
			"0:00", data.Place{Se: 0, Sg: 0, Md: 0, St: 1}, problems.Network},
		{"Wi-Fi signal 38 % on 2.4 GHz", problems.Row{Severity: problems.Warning, Who: "Alice Okafor", Media: problems.Audio},
			"0:00", data.Place{Se: 0, Sg: 0, Md: 0, St: -1}, problems.Network},
		{"microphone glitches 31.2 per 5 min", problems.Row{Severity: problems.Warning, Who: "Dev Patel", Media: problems.Audio},
			"1:13", data.Place{Se: 2, Sg: 0, Md: 0, St: -1}, problems.Device},
		{"feedback: poor", problems.Row{Severity: problems.Problem, Who: "Alice Okafor", Media: problems.NoMedia},
			"0:00", data.Place{Se: 0, Sg: -1, Md: -1, St: -1}, problems.Feedback},
		{"poor sent screen sharing: frame rate 1.4 fps < 2 fps", problems.Row{Severity: problems.Problem, Who: "Bob Lindqvist", Media: problems.ScreenSharing},
			"0:38", data.Place{Se: 1, Sg: 0, Md: 2, St: 0}, problems.Network},
		{"poor audio sent by Mediation server: round trip 620 ms > 500 ms", problems.Row{Severity: problems.Problem, Who: "PSTN leg +14255550123 via sbc1.contoso.com", Media: problems.Audio},
			"6:38", data.Place{Se: 5, Sg: 1, Md: 0, St: 0}, problems.Network},
	}
	for _, c := range cases {
		got := find(t, rows, c.what)
		if got.Severity != c.row.Severity || got.Who != c.row.Who || got.Media != c.row.Media || got.Category != c.category ||
			got.When() != c.when || got.At != c.at {
			t.Errorf("%q: got %s %q %s %s %s %+v, want %s %q %s %s %s %+v", c.what,
				got.Severity, got.Who, got.Media, got.Category, got.When(), got.At,
				c.row.Severity, c.row.Who, c.row.Media, c.category, c.when, c.at)
		}
		if want := r.Start.Add(got.Into); !got.Time.Equal(want) {
			t.Errorf("%q: at %v, %v into a call that started %v", c.what, got.Time, got.Into, r.Start)
		}
	}
}

// TestCountsAgree checks every record against what the rest of callscope
// counts: a row for each failure the report lists and the roll-up counts,
// one for each poor stream, one for each problem or warning finding not
// about a poor stream; no row twice; every row's place in the record.
func TestCountsAgree(t *testing.T) {
	for name, r := range corpus(t) {
		t.Run(name, func(t *testing.T) {
			rows := problems.Build(r)
			sections := report.Build(r)
			var failed, poor, fromFindings int
			seen := map[string]bool{}
			for _, row := range rows {
				key := fmt.Sprintf("%+v %s %s", row.At, row.Who, row.What)
				if seen[key] {
					t.Errorf("twice: %s", key)
				}
				seen[key] = true
				st := streamAt(t, r, row.At)
				switch {
				case row.Severity == problems.Failed:
					failed++
				case st != nil && st.Quality.Verdict == data.Poor:
					poor++
				default:
					fromFindings++
				}
			}
			wantFindings := 0
			for _, f := range r.Findings {
				if f.Severity >= data.Warning && !f.Failure {
					if st := streamAt(t, r, f.At); st == nil || st.Quality.Verdict != data.Poor {
						wantFindings++
					}
				}
			}
			if failed != len(sections.Failures) || failed != r.Quality.Failures {
				t.Errorf("%d failure rows; the report lists %d, the roll-up counts %d", failed, len(sections.Failures), r.Quality.Failures)
			}
			if poor != r.Quality.Poor || poor != len(sections.Poor) {
				t.Errorf("%d poor stream rows; the roll-up counts %d, the report lists %d", poor, r.Quality.Poor, len(sections.Poor))
			}
			if fromFindings != wantFindings {
				t.Errorf("%d rows from findings, want %d", fromFindings, wantFindings)
			}
		})
	}
}

// streamAt is the stream at a place, nil above the streams; a place
// outside the record fails the test.
func streamAt(t *testing.T, r *data.Record, at data.Place) *data.Stream {
	t.Helper()
	if at.Se < 0 || at.Se >= len(r.Sessions) {
		t.Fatalf("place %+v outside the record's %d sessions", at, len(r.Sessions))
	}
	se := r.Sessions[at.Se]
	if at.Sg < 0 {
		if at.Md >= 0 || at.St >= 0 {
			t.Fatalf("place %+v below a missing segment", at)
		}
		return nil
	}
	sg := se.Segments[at.Sg]
	if at.Md < 0 {
		if at.St >= 0 {
			t.Fatalf("place %+v below a missing media", at)
		}
		return nil
	}
	m := sg.Media[at.Md]
	if at.St < 0 {
		return nil
	}
	return m.Streams[at.St]
}

// TestEveryProblemNodeHasARow checks the rows against the marks the tree
// draws: every failed session or segment and every poor stream has a row
// there, and every media counted as holding a problem finding has one.
func TestEveryProblemNodeHasARow(t *testing.T) {
	for name, r := range corpus(t) {
		t.Run(name, func(t *testing.T) {
			at := map[data.Place]bool{}
			for _, row := range problems.Build(r) {
				at[row.At] = true
			}
			for i, se := range r.Sessions {
				if se.Failure != nil && !at[data.Place{Se: i, Sg: -1, Md: -1, St: -1}] {
					t.Errorf("session %d failed: no row", i)
				}
				for gi, sg := range se.Segments {
					if sg.OwnFailure(se) != nil && !at[data.Place{Se: i, Sg: gi, Md: -1, St: -1}] {
						t.Errorf("segment %d/%d failed: no row", i, gi)
					}
					for mi, m := range sg.Media {
						if m.Quality.ProblemFindings > 0 && !at[data.Place{Se: i, Sg: gi, Md: mi, St: -1}] {
							t.Errorf("media %d/%d/%d has a problem finding: no row", i, gi, mi)
						}
						for si, st := range m.Streams {
							if st.Quality.Verdict == data.Poor && !at[data.Place{Se: i, Sg: gi, Md: mi, St: si}] {
								t.Errorf("stream %d/%d/%d/%d is poor: no row", i, gi, mi, si)
							}
						}
					}
				}
			}
		})
	}
}

// TestCategoryFollowsTheRecord checks each finding's category against
// where its metric is in the record: a field of the media's deviceInfo is
// the device's, anything else with a metric the network's.
func TestCategoryFollowsTheRecord(t *testing.T) {
	for name, r := range corpus(t) {
		rows := problems.Build(r)
		for _, f := range r.Findings {
			if f.Severity < data.Warning || f.Failure || f.Metric == "" || f.At.Md < 0 {
				continue
			}
			if st := streamAt(t, r, f.At); st != nil && st.Quality.Verdict == data.Poor {
				continue
			}
			m := r.Sessions[f.At.Se].Segments[f.At.Sg].Media[f.At.Md]
			want := problems.Network
			for _, d := range []*data.Device{m.CallerDevice, m.CalleeDevice} {
				if d != nil && strings.Contains(d.Raw, `"`+f.Metric+`"`) {
					want = problems.Device
				}
			}
			i := slices.IndexFunc(rows, func(row problems.Row) bool { return row.At == f.At && row.What == f.Text })
			if i < 0 {
				t.Errorf("%s: no row for %q", name, f.Text)
				continue
			}
			if rows[i].Category != want {
				t.Errorf("%s: %q is %s, want %s", name, f.Text, rows[i].Category, want)
			}
		}
	}
}

// TestEveryFindingRuleHasACategory makes a finding of every rule and
// checks its category, so that a rule added to the table is not filed
// under the network by default without a look.
func TestEveryFindingRuleHasACategory(t *testing.T) {
	device := map[string]bool{}
	for _, f := range []string{"captureNotFunctioningEventRatio", "renderNotFunctioningEventRatio", "cpuInsufficentEventRatio",
		"deviceClippingEventRatio", "deviceGlitchEventRatio", "lowSpeechLevelEventRatio", "lowSpeechToNoiseEventRatio",
		"renderMuteEventRatio", "renderZeroVolumeEventRatio", "micGlitchRate", "speakerGlitchRate", "howlingEventCount"} {
		device[f] = true
	}
	network := map[string]bool{"receivedQualityEventRatio": true, "sentQualityEventRatio": true, "delayEventRatio": true,
		"bandwidthLowEventRatio": true, "wifiSignalStrength": true, "averageRoundTripTime": true, "averagePacketLossRate": true, "averageJitter": true}
	for _, rule := range findings.Rules {
		if !device[rule.Metric] && !network[rule.Metric] {
			t.Errorf("finding rule %s: neither a device nor a network metric here; file it", rule.Metric)
		}
	}
}

// TestHostileTextIsCleaned puts each class of attack in every string of the
// demo: no row's words, and no markdown of the list, carry it out.
func TestHostileTextIsCleaned(t *testing.T) {
	for _, c := range hostile.Classes {
		r := loadRecords(t, "demo.json", hostile.Everywhere(samples.Demo, c.Payload))[0]
		l := problems.New(problems.Build(r))
		if len(l.Rows) < 10 { // enums carrying the payload no longer say Wi-Fi and such
			t.Fatalf("%s: %d rows", c.Name, len(l.Rows))
		}
		for _, row := range l.Rows {
			for _, s := range []string{row.Who, row.What} {
				if p := hostile.Terminal(s, false, false); p != "" {
					t.Errorf("%s: %q: %s", c.Name, s, p)
				}
				if s != strings.Join(strings.Fields(s), " ") {
					t.Errorf("%s: %q is not on one line", c.Name, s)
				}
			}
		}
		if p := hostile.Markdown(l.Markdown(l.Visible(problems.View{}, nil))); p != "" {
			t.Errorf("%s: markdown: %s", c.Name, p)
		}
	}
}

// TestBadPlacesAreSkipped: a finding whose place is not in the record
// (a hand-made record) gives no row and no panic.
func TestBadPlacesAreSkipped(t *testing.T) {
	r := demo(t)
	r.Findings = append(r.Findings,
		data.Finding{Who: "x", Text: "outside", Severity: data.Problem, At: data.Place{Se: 99, Sg: -1, Md: -1, St: -1}},
		data.Finding{Who: "x", Text: "below", Severity: data.Problem, At: data.Place{Se: 0, Sg: 0, Md: 9, St: 0}})
	for _, row := range problems.Build(r) {
		if row.Who == "x" {
			t.Errorf("row for a place outside the record: %+v", row)
		}
	}
	if rows := problems.Build(&data.Record{}); len(rows) != 0 {
		t.Errorf("an empty record has %d problems", len(rows))
	}
}
