package data_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/generate"
	"github.com/callscope/callscope/internal/fixture"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/report"
	"github.com/callscope/callscope/samples"
)

// Since 2026-06-30 Graph returns no organizer, participants or endpoint
// identity. stripDeprecated removes them from any record JSON, keeping
// everything else as it was, key order included: "organizer" and
// "participants" wherever they are, and "identity" in every caller and
// callee (participants_v2 entries keep theirs).
func stripDeprecated(t testing.TB, doc []byte) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	v, err := readOrdered(dec)
	if err != nil {
		t.Fatal(err)
	}
	v = strip(v, false)
	var out bytes.Buffer
	writeOrdered(&out, v)
	return out.Bytes()
}

type okv struct {
	key string
	val any
}

// object keeps its members in order (a map would sort them).
type object []okv

func readOrdered(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		var o object
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := readOrdered(dec)
			if err != nil {
				return nil, err
			}
			o = append(o, okv{k.(string), v})
		}
		_, err := dec.Token()
		return o, err
	case json.Delim('['):
		a := []any{}
		for dec.More() {
			v, err := readOrdered(dec)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		_, err := dec.Token()
		return a, err
	}
	return tok, nil
}

func strip(v any, endpoint bool) any {
	switch x := v.(type) {
	case object:
		var o object
		for _, m := range x {
			switch {
			case m.key == "organizer" || m.key == "participants":
				continue
			case m.key == "identity" && endpoint:
				continue
			}
			o = append(o, okv{m.key, strip(m.val, m.key == "caller" || m.key == "callee")})
		}
		return o
	case []any:
		for i := range x {
			x[i] = strip(x[i], false)
		}
	}
	return v
}

func writeOrdered(w *bytes.Buffer, v any) {
	switch x := v.(type) {
	case object:
		w.WriteByte('{')
		for i, m := range x {
			if i > 0 {
				w.WriteByte(',')
			}
			k, _ := json.Marshal(m.key)
			w.Write(k)
			w.WriteByte(':')
			writeOrdered(w, m.val)
		}
		w.WriteByte('}')
	case []any:
		w.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				w.WriteByte(',')
			}
			writeOrdered(w, e)
		}
		w.WriteByte(']')
	default:
		b, _ := json.Marshal(x)
		w.Write(b)
	}
}

func TestStripDeprecated(t *testing.T) {
	in := `{"id":"x","organizer":{"user":{"id":"a"}},"organizer_v2":{"id":"a","identity":{"user":{"id":"a"}}},
		"participants":[{"user":{"id":"a"}}],"participants_v2":[{"id":"a","identity":{"user":{"id":"a"}}}],
		"sessions":[{"caller":{"identity":{"user":{"id":"a"}},"associatedIdentity":{"id":"a"}},"callee":{"userAgent":{"role":"x"}},
		"segments":[{"caller":{"identity":{}},"callee":{"name":1.50}}]}]}`
	want := `{"id":"x","organizer_v2":{"id":"a","identity":{"user":{"id":"a"}}},` +
		`"participants_v2":[{"id":"a","identity":{"user":{"id":"a"}}}],` +
		`"sessions":[{"caller":{"associatedIdentity":{"id":"a"}},"callee":{"userAgent":{"role":"x"}},` +
		`"segments":[{"caller":{},"callee":{"name":1.50}}]}]}`
	if got := string(stripDeprecated(t, []byte(in))); got != want {
		t.Errorf("stripped:\n%s\nwant:\n%s", got, want)
	}
}

// namesOf is every endpoint's label and kind, and the organizer.
func namesOf(r *data.Record) []string {
	n := r.Names()
	out := []string{"organizer: " + r.OrganizerName()}
	for i, se := range r.Sessions {
		eps := []*data.Endpoint{&se.Caller, &se.Callee}
		for _, sg := range se.Segments {
			eps = append(eps, &sg.Caller, &sg.Callee)
		}
		for j, e := range eps {
			out = append(out, fmt.Sprintf("session %d endpoint %d: %s (%s)", i, j, n.Label(e), n.Kind(e)))
		}
	}
	return out
}

func peopleOf(r *data.Record) []string {
	var out []string
	for _, p := range r.People() {
		out = append(out, fmt.Sprintf("%s (%s) %v %v %v %s", p.Name, p.Kind, p.Sessions, p.Platforms, p.Connections, p.Quality.Worst()))
	}
	return out
}

// labelsOf is the organizer's name and every endpoint's label, in the
// order of namesOf.
func labelsOf(r *data.Record) []string {
	out := []string{r.OrganizerName()}
	for _, se := range r.Sessions {
		out = append(out, r.Names().Label(&se.Caller), r.Names().Label(&se.Callee))
		for _, sg := range se.Segments {
			out = append(out, r.Names().Label(&sg.Caller), r.Names().Label(&sg.Callee))
		}
	}
	return out
}

func findingTexts(r *data.Record) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.Severity.String()+" "+f.Text)
	}
	return out
}

// A record without the deprecated fields gives the same names, people,
// findings and reports as with them, unless the deprecated fields were all
// that named someone (older documentation samples): then the name falls
// back to the record's participants_v2, the role or the user agent, never
// to "user <guid>" for an id the record names.
func TestStrippedRecordsNameTheSame(t *testing.T) {
	sources := map[string][]byte{
		"demo":           samples.Demo,
		"demo-old-shape": fixture.Read(t, "demo-old-shape.json"),
		"crafted":        fixture.Read(t, "crafted-aa-cq-bot-pstn.json"),
		"generated":      fixture.GeneratedWith(t, generate.Options{Sessions: 60, Seed: 11, PoorShare: 0.3}),
	}
	for _, name := range []string{
		"callrecord-get-basic-v1-2021.json", "callrecord-get-basic-v1.json", "callrecord-get-expand-participants_v2-v1.json",
		"callrecord-get-expand-sessions-v1-2021.json", "callrecord-get-expand-sessions-v1.json",
		"callrecords-list-filter-startdatetime-v1.json", "callrecords-list-v1.json",
		"m365cli-spec-callrecord-get-expand-sessions.json", "m365cli-spec-callrecord-get-participants_v2.json",
		"m365cli-teams-callrecord-get.json", "m365cli-teams-callrecord-list.json",
		"session-list-expand-segments-v1-2021.json", "session-list-expand-segments-v1.json",
		"session-list-v1-2021.json", "session-list-v1.json",
	} {
		sources[name] = fixture.Read(t, "graph", name)
	}
	// What only the deprecated fields name, by file: the endpoints whose
	// name is lost (the 2021 documentation has identity sets only; the old
	// demo's phone endpoint has no associatedIdentity), and whether the
	// organizer is.
	lost := map[string]struct {
		endpoints int
		organizer bool
	}{
		"demo-old-shape":                              {1, false},
		"callrecord-get-basic-v1-2021.json":           {0, true},
		"callrecord-get-expand-sessions-v1-2021.json": {4, true},
		"session-list-expand-segments-v1-2021.json":   {4, false},
		"session-list-expand-segments-v1.json":        {4, false},
		"session-list-v1-2021.json":                   {2, false},
		"session-list-v1.json":                        {2, false},
	}
	guid := regexp.MustCompile(`\b([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\b`)
	for name, doc := range sources {
		t.Run(name, func(t *testing.T) {
			stripped := stripDeprecated(t, doc)
			fa, err := load.Load(name, doc)
			if err != nil {
				t.Fatal(err)
			}
			fb, err := load.Load(name, stripped)
			if err != nil {
				t.Fatal(err)
			}
			want := lost[name]
			for ri := range fa.Records {
				a, b := fa.Records[ri], fb.Records[ri]
				na, nb := namesOf(a), namesOf(b)
				if len(na) != len(nb) {
					t.Fatalf("%d names, stripped %d", len(na), len(nb))
				}
				changed := 0
				for i := range na {
					if na[i] == nb[i] {
						continue
					}
					if i == 0 {
						if !want.organizer {
							t.Errorf("%s\nstripped: %s", na[i], nb[i])
						}
						continue
					}
					changed++
					checkFallback(t, b, i-1, na[i], nb[i])
				}
				if changed != want.endpoints {
					t.Errorf("%d endpoints lost their names, want %d:\n%s\nstripped:\n%s", changed, want.endpoints,
						strings.Join(na, "\n"), strings.Join(nb, "\n"))
				}
				// No output calls anyone "user <guid>" when the record
				// names that guid.
				for _, format := range []report.Format{report.FormatText, report.FormatMarkdown, report.FormatJSON} {
					out := reportIn(t, fb, format)
					for _, m := range guid.FindAllStringSubmatchIndex(out, -1) {
						id := out[m[2]:m[3]]
						if w := b.Names().LookupID(id); w != nil && w.Name != "" && strings.Contains(out, "user "+id) {
							t.Errorf("%s report says user %s, whom the record names %q", format, id, w.Name)
						}
					}
				}
				// The findings say the same things, of the names the
				// stripped record gives.
				var renames []string
				for i, la := range labelsOf(a) {
					if lb := labelsOf(b)[i]; la != lb && la != "" {
						renames = append(renames, la, lb)
					}
				}
				ta, tb := findingTexts(a), findingTexts(b)
				for i := range ta {
					ta[i] = strings.NewReplacer(renames...).Replace(ta[i])
				}
				if !reflect.DeepEqual(ta, tb) {
					t.Errorf("findings say:\n%s\nstripped:\n%s", strings.Join(ta, "\n"), strings.Join(tb, "\n"))
				}
				if want.endpoints == 0 && !want.organizer {
					if pa, pb := peopleOf(a), peopleOf(b); !reflect.DeepEqual(pa, pb) {
						t.Errorf("people:\n%s\nstripped:\n%s", strings.Join(pa, "\n"), strings.Join(pb, "\n"))
					}
					if !reflect.DeepEqual(a.Findings, b.Findings) {
						t.Errorf("findings differ:\n%v\nstripped:\n%v", a.Findings, b.Findings)
					}
				}
			}
			if want.endpoints == 0 && !want.organizer {
				for _, format := range []report.Format{report.FormatText, report.FormatMarkdown, report.FormatJSON} {
					if ra, rb := reportIn(t, fa, format), reportIn(t, fb, format); ra != rb {
						t.Errorf("%s report differs:\n%s\nstripped:\n%s", format, ra, rb)
					}
				}
			}
		})
	}
}

// checkFallback checks a name the stripped record lost: the endpoint named
// by the record's other fields (participants_v2 for its ids), else by its
// role, what it is and an id nothing names, or its user agent.
func checkFallback(t *testing.T, r *data.Record, i int, before, after string) {
	t.Helper()
	var e *data.Endpoint
	k := 0
	for _, se := range r.Sessions {
		eps := []*data.Endpoint{&se.Caller, &se.Callee}
		for _, sg := range se.Segments {
			eps = append(eps, &sg.Caller, &sg.Callee)
		}
		for _, x := range eps {
			if k == i {
				e = x
			}
			k++
		}
	}
	n := r.Names()
	label := n.Label(e)
	allowed := []string{e.UserAgent.HeaderValue, "(unnamed)", "Service"}
	if e.UserAgent.Role != "" {
		allowed = append(allowed, data.ServiceName(&e.UserAgent))
	}
	if w := n.Lookup(e); w != nil && w.Name != "" {
		allowed = []string{w.Name} // the record names it: nothing else will do
	} else if a := e.AssociatedIdentity; a != nil && a.ID != "" {
		allowed = append(allowed, data.IDName(e, nil))
	}
	for _, ok := range allowed {
		if ok != "" && label == ok {
			return
		}
	}
	t.Errorf("%s\nstripped: %s; want one of %q", before, after, allowed)
}
