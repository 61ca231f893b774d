package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

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
func namesOf(r *Record) []string {
	n := r.Names()
	out := []string{"organizer: " + r.OrganizerName()}
	for i, se := range r.Sessions {
		eps := []*Endpoint{&se.Caller, &se.Callee}
		for _, sg := range se.Segments {
			eps = append(eps, &sg.Caller, &sg.Callee)
		}
		for j, e := range eps {
			out = append(out, fmt.Sprintf("session %d endpoint %d: %s (%s)", i, j, n.Label(e), n.Kind(e)))
		}
	}
	return out
}

func peopleOf(r *Record) []string {
	var out []string
	for _, p := range r.People() {
		out = append(out, fmt.Sprintf("%s (%s) %v %v %v %s", p.Name, p.Kind, p.Sessions, p.Platforms, p.Connections, p.Quality.Worst()))
	}
	return out
}

// labelsOf is the organizer's name and every endpoint's label, in the
// order of namesOf.
func labelsOf(r *Record) []string {
	out := []string{r.OrganizerName()}
	for _, se := range r.Sessions {
		out = append(out, r.Names().Label(&se.Caller), r.Names().Label(&se.Callee))
		for _, sg := range se.Segments {
			out = append(out, r.Names().Label(&sg.Caller), r.Names().Label(&sg.Callee))
		}
	}
	return out
}

func findingTexts(r *Record) []string {
	var out []string
	for _, f := range r.Findings() {
		out = append(out, f.Severity.String()+" "+f.Text)
	}
	return out
}

func generatedDoc(t testing.TB, sessions int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := samples.Generate(&b, samples.GenOptions{Sessions: sessions, Seed: 11, PoorShare: 0.3}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// A record without the deprecated fields gives the same names, people,
// findings and reports as with them, unless the deprecated fields were all
// that named someone (older documentation samples): then the name falls
// back to the record's participants_v2, the role or the user agent, never
// to "user <guid>" for an id the record names.
func TestStrippedRecordsNameTheSame(t *testing.T) {
	sources := map[string][]byte{
		"demo":           samples.Demo,
		"demo-old-shape": readTestdata(t, "demo-old-shape.json"),
		"crafted":        readTestdata(t, "crafted-aa-cq-bot-pstn.json"),
		"generated":      generatedDoc(t, 60),
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
		sources[name] = readSample(t, name)
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
			fa, err := Load(name, doc)
			if err != nil {
				t.Fatal(err)
			}
			fb, err := Load(name, stripped)
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
				for _, format := range []Format{FormatText, FormatMarkdown, FormatJSON} {
					out := reportIn(t, fb, format)
					for _, m := range guid.FindAllStringSubmatchIndex(out, -1) {
						id := out[m[2]:m[3]]
						if w := b.Names().lookupID(id); w != nil && w.Name != "" && strings.Contains(out, "user "+id) {
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
					if !reflect.DeepEqual(a.Findings(), b.Findings()) {
						t.Errorf("findings differ:\n%v\nstripped:\n%v", a.Findings(), b.Findings())
					}
				}
			}
			if want.endpoints == 0 && !want.organizer {
				for _, format := range []Format{FormatText, FormatMarkdown, FormatJSON} {
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
func checkFallback(t *testing.T, r *Record, i int, before, after string) {
	t.Helper()
	var e *Endpoint
	k := 0
	for _, se := range r.Sessions {
		eps := []*Endpoint{&se.Caller, &se.Callee}
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
		allowed = append(allowed, serviceName(&e.UserAgent))
	}
	if w := n.lookup(e); w != nil && w.Name != "" {
		allowed = []string{w.Name} // the record names it: nothing else will do
	} else if a := e.AssociatedIdentity; a != nil && a.ID != "" {
		allowed = append(allowed, idName(e, nil))
	}
	for _, ok := range allowed {
		if ok != "" && label == ok {
			return
		}
	}
	t.Errorf("%s\nstripped: %s; want one of %q", before, after, allowed)
}

// The JSON report names every stream uniquely though the record repeats
// every id: its path, as `y p` copies it, resolves to the stream in the
// file, with this package's path code and with jq.
func TestJSONStreamsAreUnique(t *testing.T) {
	doc := readTestdata(t, "crafted-aa-cq-bot-pstn.json")
	f, err := Load("crafted.json", doc)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteReport(&out, f, FormatJSON); err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Streams  []json.RawMessage
		Failures []map[string]any
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Streams) != 14 {
		t.Fatalf("%d streams, want 14", len(rep.Streams))
	}
	// New keys come after the old ones (see TestJSONReportKeys).
	if got := strings.Join(objectKeys(t, out.String(), "failures"), ","); got != "session,segment,stage,reason,path,leg,who" {
		t.Errorf("failure keys %s", got)
	}
	if got := strings.Join(objectKeys(t, out.String(), "streams"), ","); !strings.HasSuffix(got, ",caller,callee,path,participant") {
		t.Errorf("stream keys %s", got)
	}
	var root any
	json.Unmarshal(doc, &root)
	seen, seenWithoutPath := map[string]bool{}, map[string]bool{}
	repeats := 0
	var paths []string
	for i, raw := range rep.Streams {
		if seen[string(raw)] {
			t.Errorf("stream %d repeats an earlier line: %s", i, raw)
		}
		seen[string(raw)] = true
		var s map[string]any
		json.Unmarshal(raw, &s)
		if s["streamId"] != "1000" {
			t.Errorf("stream %d id %v: the crafted record has only 1000", i, s["streamId"])
		}
		path, _ := s["path"].(string)
		paths = append(paths, path)
		got, err := resolvePath(root, path)
		if err != nil {
			t.Fatalf("stream %d: %v", i, err)
		}
		st, _ := got.(map[string]any)
		if st["streamDirection"] != s["direction"] || st["streamId"] != s["streamId"] {
			t.Errorf("stream %d: %s is %v", i, path, got)
		}
		delete(s, "path")
		b, _ := json.Marshal(s)
		if seenWithoutPath[string(b)] {
			repeats++
		}
		seenWithoutPath[string(b)] = true
	}
	if repeats == 0 {
		t.Error("no two streams are alike without their paths: the record no longer shows why paths are needed")
	}
	// The same path `y p` copies.
	i := 0
	r := f.Records[0]
	for _, se := range r.Sessions {
		for _, sg := range se.Segments {
			for _, md := range sg.Media {
				for _, st := range md.Streams {
					if want := f.Path(r, se, sg, md, st); paths[i] != want {
						t.Errorf("stream %d: path %s, y p copies %s", i, paths[i], want)
					}
					i++
				}
			}
		}
	}
	if len(rep.Failures) != 1 || rep.Failures[0]["path"] != ".sessions[1].segments[0]" ||
		rep.Failures[0]["leg"] != "PSTN gateway AudioCodes → Mediation server" || rep.Failures[0]["who"] != "PSTN leg +14255550142 via AudioCodes" {
		t.Errorf("failures %v", rep.Failures)
	}
	for _, fr := range rep.Failures {
		if _, err := resolvePath(root, fr["path"].(string)); err != nil {
			t.Error(err)
		}
	}
	if _, err := exec.LookPath("jq"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("jq is missing: .ci/run installs it")
		}
		return // the paths resolved above; jq itself is checked when present
	}
	file := filepath.Join(t.TempDir(), "crafted.json")
	os.WriteFile(file, doc, 0o600)
	for i, path := range paths {
		got, err := exec.Command("jq", "-c", path+".streamDirection", file).Output()
		if err != nil {
			t.Fatalf("jq %s: %v", path, err)
		}
		var s map[string]any
		json.Unmarshal(rep.Streams[i], &s)
		if want, _ := json.Marshal(s["direction"]); string(bytes.TrimSpace(got)) != string(want) {
			t.Errorf("jq %s gives %s, want %s", path, got, want)
		}
	}
}

var pathStep = regexp.MustCompile(`^(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\.)`)

// resolvePath follows a path of File.Path's kind (.key, [i], a lone ".")
// through decoded JSON.
func resolvePath(v any, path string) (any, error) {
	rest := path
	for rest != "" {
		m := pathStep.FindStringSubmatch(rest)
		if m == nil {
			return nil, fmt.Errorf("%s: cannot read %q", path, rest)
		}
		rest = rest[len(m[0]):]
		switch {
		case m[1] != "":
			o, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s: .%s of a non-object", path, m[1])
			}
			if v, ok = o[m[1]]; !ok {
				return nil, fmt.Errorf("%s: no %s", path, m[1])
			}
		case m[2] != "":
			a, ok := v.([]any)
			i, _ := strconv.Atoi(m[2])
			if !ok || i >= len(a) {
				return nil, fmt.Errorf("%s: no element %d", path, i)
			}
			v = a[i]
		}
	}
	return v, nil
}

// The stream's participant is the person its leg is for: on the leg, or
// the session's (a PSTN leg between services serves the phone), null for a
// bot's session.
func TestJSONStreamParticipant(t *testing.T) {
	f := crafted(t)
	var out bytes.Buffer
	WriteReport(&out, f, FormatJSON)
	var rep struct{ Streams []map[string]any }
	json.Unmarshal(out.Bytes(), &rep)
	phone := map[string]any{"name": "+14255550142", "upn": nil, "id": "+14255550142"}
	priya := map[string]any{"name": "Priya Raman", "upn": "priya.raman@contoso.com", "id": "e8b7c6d5-4a39-4b2c-8d1e-0f9a8b7c6d5e"}
	for i, s := range rep.Streams {
		var want any
		switch {
		case i < 8:
			want = phone
		case i < 10:
			want = priya
		}
		if !reflect.DeepEqual(s["participant"], want) {
			t.Errorf("stream %d (%s → %s): participant %v, want %v", i, s["caller"], s["callee"], s["participant"], want)
		}
	}
}

// Giving every stream its path and participant costs the big report
// little: see BenchmarkWriteJSON. This checks the report of a generated
// meeting stays one valid line per record with every path resolvable.
func TestJSONPathsOfAGeneratedMeeting(t *testing.T) {
	doc := generatedDoc(t, 200)
	f, err := Load("gen", doc)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteReport(&out, f, FormatJSON); err != nil {
		t.Fatal(err)
	}
	var rep struct{ Streams []map[string]any }
	if err := json.NewDecoder(io.LimitReader(&out, int64(out.Len()))).Decode(&rep); err != nil {
		t.Fatal(err)
	}
	var root any
	json.Unmarshal(doc, &root)
	seen := map[string]bool{}
	for i, s := range rep.Streams {
		p := s["path"].(string)
		if seen[p] {
			t.Fatalf("stream %d: path %s again", i, p)
		}
		seen[p] = true
		if _, err := resolvePath(root, p); err != nil {
			t.Fatal(err)
		}
	}
	if len(seen) != f.Records[0].Counts().Streams {
		t.Errorf("%d paths for %d streams", len(seen), f.Records[0].Counts().Streams)
	}
}
