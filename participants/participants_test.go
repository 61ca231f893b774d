package participants_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/internal/hostile"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/participants"
	"github.com/callscope/callscope/samples"
	"github.com/callscope/callscope/text"
)

func loadOne(t testing.TB, name string, doc []byte) *data.Record {
	t.Helper()
	f, err := load.Load(name, doc)
	if err != nil {
		t.Fatal(err)
	}
	return f.Records[0]
}

func demo(t testing.TB) *data.Record { return loadOne(t, "demo.json", samples.Demo) }

func corpus(t *testing.T) map[string]*data.Record {
	t.Helper()
	out := map[string]*data.Record{
		"demo":      demo(t),
		"crafted":   loadOne(t, "crafted.json", fixture.Read(t, "crafted-aa-cq-bot-pstn.json")),
		"generated": loadOne(t, "gen.json", fixture.Generated(t, 300, 7)),
	}
	for _, path := range fixture.Glob(t, "graph/*.json") {
		f, err := load.Load(path, fixture.Read(t, "graph", filepath.Base(path)))
		if err != nil {
			continue // not a call record
		}
		for i, r := range f.Records {
			out[fmt.Sprintf("%s#%d", filepath.Base(path), i)] = r
		}
	}
	return out
}

func TestDemoRows(t *testing.T) {
	rows := participants.Build(demo(t))
	type want struct{ mark, name, role, worst, connection, platform, address string }
	var got []want
	for _, r := range rows {
		got = append(got, want{r.Mark(), r.Name, r.Role, r.Worst.Words, r.Connection, r.Platform, r.Address()})
	}
	// Read off samples/demo.json: Alice on 2.4 GHz Wi-Fi at 38 % with
	// 15.2 % loss; Chiara's failed session measured nothing; the phone's
	// leg is between services (no network of its own), its worst the
	// mediation server's 620 ms round trip.
	wants := []want{
		{"✗", "Alice Okafor", "user", "loss 15.2 %", "Wi-Fi 2.4 GHz 38 %", "Windows", "203.0.113.87 / 192.168.1.0"},
		{"✗", "Bob Lindqvist", "user", "jitter 6 ms", "wired", "macOS", "203.0.113.12 / 10.40.12.0"},
		{"✗", "Dev Patel", "user", "jitter 11 ms", "wired", "Windows", "198.51.100.203 / 192.168.0.0"},
		{"⊘", "Chiara Rossi (Guest)", "guest", "", "mobile", "iOS", "203.0.113.190 / 10.182.44.0"},
		{"✓", "Eva Nowak", "user", "loss 11.8 %", "satellite", "web", "203.0.113.229 / 192.168.88.0"},
		{"✗", "+14255550123", "phone", "round trip 620 ms", "", "", ""},
	}
	if !slices.Equal(got, wants) {
		t.Errorf("rows\n%q\nwant\n%q", got, wants)
	}
	if a := rows[0]; !a.Worst.Over || a.Worst.Field != "averagePacketLossRate" || !a.WifiSignal.OK || a.WifiSignal.V != 38 {
		t.Errorf("Alice: %+v", a)
	}
	if b := rows[1]; b.Worst.Over || b.WifiSignal.OK {
		t.Errorf("Bob: jitter 6 ms is within its limit, and he is wired: %+v", b)
	}
}

// TestAgreesWithPeople checks the rows against the participants view of
// today (ui/people.go draws data.Record.People: the cleaned name and kind,
// the number of sessions, the roll-up's mark) on every sample.
func TestAgreesWithPeople(t *testing.T) {
	for name, r := range corpus(t) {
		t.Run(name, func(t *testing.T) {
			people := r.People()
			rows := participants.Build(r)
			if len(rows) != len(people) {
				t.Fatalf("%d rows, %d people", len(rows), len(people))
			}
			for i, p := range people {
				row := rows[i]
				wantName := text.OneLine(p.Name)
				if wantName == "" {
					wantName = "(unnamed)"
				}
				if row.Name != wantName || row.Role != text.OneLine(p.Kind) || !slices.Equal(row.Sessions, p.Sessions) || row.Quality != p.Quality {
					t.Errorf("row %d: %q %q %v %+v, person %q %q %v %+v", i, row.Name, row.Role, row.Sessions, row.Quality, p.Name, p.Kind, p.Sessions, p.Quality)
				}
			}
		})
	}
}

func TestHostileTextIsCleaned(t *testing.T) {
	for _, c := range hostile.Classes {
		r := loadOne(t, "demo.json", hostile.Everywhere(samples.Demo, c.Payload))
		rows := participants.Build(r)
		if len(rows) == 0 {
			t.Fatalf("%s: no rows", c.Name)
		}
		for _, row := range rows {
			for _, s := range []string{row.Name, row.Role, row.Worst.Words, row.Connection, row.Platform, row.Address()} {
				if p := hostile.Terminal(s, false, false); p != "" {
					t.Errorf("%s: %q: %s", c.Name, s, p)
				}
				if s != strings.Join(strings.Fields(s), " ") {
					t.Errorf("%s: %q is not on one line", c.Name, s)
				}
			}
		}
	}
}

func TestSortOrders(t *testing.T) {
	l := participants.New(participants.Build(loadOne(t, "gen.json", fixture.Generated(t, 300, 7))))
	if len(l.Rows) < 50 {
		t.Fatalf("%d participants", len(l.Rows))
	}
	missingLast := func(a, b bool) int {
		switch {
		case a == b:
			return 0
		case a:
			return -1
		}
		return 1
	}
	checks := map[participants.Sort]func(a, b participants.Row) int{
		participants.ByWorst: func(a, b participants.Row) int {
			if a.Quality.State() != b.Quality.State() {
				return int(b.Quality.State()) - int(a.Quality.State())
			}
			return b.Quality.Problems() - a.Quality.Problems()
		},
		participants.ByName: func(a, b participants.Row) int {
			return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
		},
		participants.BySessions: func(a, b participants.Row) int { return len(b.Sessions) - len(a.Sessions) },
		participants.ByLoss: func(a, b participants.Row) int {
			if c := missingLast(a.Loss.OK, b.Loss.OK); c != 0 || !a.Loss.OK {
				return c
			}
			return int((b.Loss.V - a.Loss.V) * 1e9)
		},
		participants.ByRoundTrip: func(a, b participants.Row) int {
			if c := missingLast(a.RoundTrip.OK, b.RoundTrip.OK); c != 0 || !a.RoundTrip.OK {
				return c
			}
			return int(b.RoundTrip.V - a.RoundTrip.V)
		},
		participants.ByWifiSignal: func(a, b participants.Row) int {
			if c := missingLast(a.WifiSignal.OK, b.WifiSignal.OK); c != 0 || !a.WifiSignal.OK {
				return c
			}
			return int(a.WifiSignal.V - b.WifiSignal.V)
		},
	}
	var s participants.Sort
	for range len(checks) {
		cmp := checks[s]
		got := l.Visible(participants.View{Sort: s}, nil)
		if len(got) != len(l.Rows) {
			t.Fatalf("%s: %d of %d rows", s, len(got), len(l.Rows))
		}
		distinct := 0
		for k := 1; k < len(got); k++ {
			a, b := l.Rows[got[k-1]], l.Rows[got[k]]
			c := cmp(a, b)
			if c > 0 {
				t.Fatalf("%s: %q before %q", s, a.Name, b.Name)
			}
			if c < 0 {
				distinct++
			}
		}
		if distinct == 0 {
			t.Errorf("%s: the meeting has nothing this sort tells apart", s)
		}
		s = s.Next()
	}
	if s != participants.ByWorst {
		t.Errorf("the sorts do not cycle back to worst first: %s", s)
	}
}

func TestFilter(t *testing.T) {
	l := participants.New(participants.Build(demo(t)))
	names := func(v participants.View) []string {
		var out []string
		for _, i := range l.Visible(v, nil) {
			out = append(out, l.Rows[i].Name)
		}
		return out
	}
	for _, c := range []struct {
		filter string
		want   []string
	}{
		{"WI-FI", []string{"Alice Okafor"}},
		{"windows", []string{"Alice Okafor", "Dev Patel"}},
		{"2.4 ghz", []string{"Alice Okafor"}},
		{"guest", []string{"Chiara Rossi (Guest)"}},
		{"203.0.113.12", []string{"Bob Lindqvist"}},
		{"round trip", []string{"+14255550123"}},
		{"nobody", nil},
	} {
		if got := names(participants.View{Filter: c.filter}); !slices.Equal(got, c.want) {
			t.Errorf("filter %q: %q, want %q", c.filter, got, c.want)
		}
	}
	// A filter and a sort combine.
	if got := names(participants.View{Filter: "user", Sort: participants.ByName}); !slices.Equal(got, []string{"Alice Okafor", "Bob Lindqvist", "Dev Patel", "Eva Nowak"}) {
		t.Errorf("users by name: %q", got)
	}
	if got := participants.Title(2, 4, 6); got != "2/4 of 6 participants" {
		t.Errorf("Title = %q", got)
	}
}

func TestAt(t *testing.T) {
	r := demo(t)
	at := func(hms string) time.Time {
		tm, err := time.Parse(time.DateTime, "2026-02-17 "+hms)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	// From samples/demo.json: Alice 14:00:02–14:35:16 (4 problems), Bob
	// 14:00:41–14:35:09 (1), Dev 14:01:15–14:34:58 (1), Chiara
	// 14:03:11–14:03:41 (failed), Eva 14:04:50–14:29:33 (none), the
	// phone 14:06:40–14:31:02 (1).
	for _, c := range []struct {
		at                     string
		people, withProblems   int
		sessions, problemCount int
	}{
		{"13:59:00", 0, 0, 0, 0},
		{"14:03:20", 4, 4, 4, 4},
		{"14:10:00", 5, 4, 5, 4},
		{"14:35:09.667591", 1, 1, 1, 1}, // Bob's session ends at this moment: he has left
		{"14:36:00", 0, 0, 0, 0},
	} {
		m := participants.At(r, at(c.at))
		if m.People != c.people || m.PeopleWithProblems != c.withProblems || m.Sessions != c.sessions || m.SessionsWithProblems != c.problemCount {
			t.Errorf("at %s: %+v, want %d people (%d with problems), %d sessions (%d with problems)", c.at, m, c.people, c.withProblems, c.sessions, c.problemCount)
		}
	}
	if got := participants.At(r, at("14:10:00")).Words(); got != "5 in the call · 4 with problems" {
		t.Errorf("Words = %q", got)
	}
	// Joining at the start of one's session counts.
	if m := participants.At(r, at("14:04:50.0382217")); m.People != 4 { // Alice, Bob, Dev and Eva
		t.Errorf("at Eva's start: %d people", m.People)
	}
}

// TestAtPeerToPeer: one session of two people is one session and two people.
func TestAtPeerToPeer(t *testing.T) {
	r := loadOne(t, "p2p.json", fixture.Read(t, "graph", "callrecord-get-expand-sessions-v1-2021.json"))
	if len(r.Sessions) != 1 {
		t.Fatalf("%d sessions", len(r.Sessions))
	}
	se := r.Sessions[0]
	m := participants.At(r, se.Start.Add(se.End.Sub(se.Start)/2))
	if m.Sessions != 1 || m.People != 2 {
		t.Errorf("%+v, want 1 session and 2 people", m)
	}
}

var (
	bigOnce sync.Once
	bigRec  *data.Record
)

func big(tb testing.TB) *data.Record {
	tb.Helper()
	bigOnce.Do(func() {
		bigRec = loadOne(tb, "big.json", fixture.Big(tb))
	})
	if bigRec == nil {
		tb.Fatal("the big meeting did not load")
	}
	return bigRec
}

// BenchmarkBuild is opening the participants view of the 7,500-session
// meeting: the rows and the first view.
func BenchmarkBuild(b *testing.B) {
	r := big(b)
	b.ReportAllocs()
	for b.Loop() {
		l := participants.New(participants.Build(r))
		if len(l.Visible(participants.View{}, nil)) == 0 {
			b.Fatal("nobody")
		}
	}
}

// BenchmarkSort is each sort the first time it is asked for.
func BenchmarkSort(b *testing.B) {
	rows := participants.Build(big(b))
	for s := participants.ByName; s != participants.ByWorst; s = s.Next() {
		b.Run(strings.ReplaceAll(s.String(), " ", "-"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				participants.New(rows).Visible(participants.View{Sort: s}, nil)
			}
		})
	}
}

func BenchmarkFilter(b *testing.B) {
	l := participants.New(participants.Build(big(b)))
	b.ReportAllocs()
	for b.Loop() {
		l.Visible(participants.View{Filter: "wi-fi 2.4"}, nil)
	}
}

// BenchmarkAt is one step of the timeline's cursor.
func BenchmarkAt(b *testing.B) {
	r := big(b)
	p := participants.NewPresence(r, participants.Build(r))
	mid := r.Sessions[0].Start.Add(10 * time.Minute)
	b.ReportAllocs()
	for b.Loop() {
		p.At(mid)
	}
}

// BenchmarkPeople is data.Record.People alone, which Build calls: the
// part of BenchmarkBuild that is not this package's.
func BenchmarkPeople(b *testing.B) {
	r := big(b)
	b.ReportAllocs()
	for b.Loop() {
		r.People()
	}
}

// TestShown: the metric column follows the sort, and only a value beyond
// its limit on a stream judged poor is highlighted: Eva's 11.8 % loss is on
// a stream with too few packets to judge.
func TestShown(t *testing.T) {
	rows := participants.Build(demo(t))
	alice, eva, phone := rows[0], rows[4], rows[5]
	for _, c := range []struct {
		row   participants.Row
		sort  participants.Sort
		words string
		over  bool
	}{
		{alice, participants.ByWorst, "loss 15.2 %", true},
		{alice, participants.ByLoss, "loss 15.2 %", true},
		{eva, participants.ByWorst, "loss 11.8 %", false},
		{eva, participants.ByLoss, "loss 11.8 %", false},
		{phone, participants.ByRoundTrip, "round trip 620 ms", true},
		{phone, participants.ByName, "round trip 620 ms", true},
	} {
		if m := c.row.Shown(c.sort); m.Words != c.words || m.Over != c.over {
			t.Errorf("%s %s: %q over=%v, want %q over=%v", c.row.Name, c.sort, m.Words, m.Over, c.words, c.over)
		}
	}
	if !alice.WeakWifi() || rows[1].WeakWifi() {
		t.Error("Alice's 38 % Wi-Fi signal is weak (< 50 %); Bob is wired")
	}
}
