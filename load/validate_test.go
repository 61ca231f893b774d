package load

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/generate"
	"github.com/callscope/callscope/internal/parallel"
	"github.com/callscope/callscope/jsonscan"
	"github.com/callscope/callscope/report"
	"github.com/callscope/callscope/samples"
)

// notJSON tells whether Load refused b as malformed JSON (rather than as
// JSON that is no call record).
func notJSON(err error) bool {
	var se *SyntaxError
	return errors.As(err, &se) || (err != nil && strings.Contains(err.Error(), "nested more than"))
}

// agree checks that the walk's verdict on b is encoding/json's: Load has no
// separate validation pass, so the walk must refuse exactly what is not JSON.
func agree(t *testing.T, what string, b []byte) {
	t.Helper()
	want := json.Valid(b)
	if err := CheckJSON("x", b); (err == nil) != want {
		t.Errorf("%s: checkJSON says %v, encoding/json says valid=%v\n%.200q", what, err, want, b)
	}
	if len(bytes.TrimSpace(withoutLeadingComments(b))) == 0 {
		return // "the file is empty", whatever encoding/json calls it
	}
	// Load skips comment lines before the JSON, by design.
	wantLoad := json.Valid(withoutLeadingComments(b))
	if _, err := Load("x", b); notJSON(err) == wantLoad {
		t.Errorf("%s: Load says %v, encoding/json says valid=%v\n%.200q", what, err, wantLoad, b)
	}
}

// withoutLeadingComments drops the lines before the JSON that are white
// space or start with //.
func withoutLeadingComments(b []byte) []byte {
	for {
		line, rest, found := bytes.Cut(b, []byte("\n"))
		t := bytes.TrimLeft(line, " \t\r")
		if len(t) > 0 && !bytes.HasPrefix(t, []byte("//")) {
			return b
		}
		if !found {
			return nil
		}
		b = rest
	}
}

func TestWalkRefusesWhatIsNotJSON(t *testing.T) {
	for _, doc := range []string{
		`{"id":"x"}`, `{"id":"x"} `, `{"id":"x"}x`, `{"id":"x"}{}`, `{"id":"x",}`, `{"id":"x" "a":1}`,
		`{"id" "x"}`, `{id:"x"}`, `{"id":'x'}`, `{"id":"x"]`, `[{"id":"x"}}`, `[1,]`, `[,1]`, `[1 2]`,
		`{"a":01}`, `{"a":-}`, `{"a":1.}`, `{"a":.5}`, `{"a":1e}`, `{"a":1e+}`, `{"a":-0.5e-3}`, `{"a":+1}`,
		`{"a":NaN}`, `{"a":Infinity}`, `{"a":0x10}`, `{"a":tru}`, `{"a":truex}`, `{"a":nul}`, `{"a":true}`,
		`{"a":"\u00e9"}`, `{"a":"\u00g9"}`, `{"a":"\x"}`, `{"a":"\/\b\f\n\r\t\"\\"}`, "{\"a\":\"tab\there\"}",
		"{\"a\":\"nul\x00\"}", "{\"a\":\"bell\x07\"}", "{\"a\":\"del\x7f ok\"}", "{\"a\":\"\xff\xfe bytes\"}",
		`{"a":"unterminated}`, `{"a":"ends in backslash\`, `{"a":[`, `{"a":{`, `{"a"`, `{`, `[`, `"`, `5`, `"x"`,
		`null`, `{"a":[[[]]],"b":{"c":{}}}`, "\t{ \"a\" :\r\n [ 1 , 2 ] }\n", "{\"a\":1}\x00", "\v{}",
		`{"sessions":[{"id":"s","segments":[{"media":[{"streams":[{"averageJitter":"PT1S"},]}]}]}]}`,
		`{"value":[{"id":"s","caller":{}}],"value":[{"id":"t","caller":{}}]}`,
		`{"value":[{"id":"s","caller":{}},]}`, `{"value":[{"a":1}x],"type":"groupCall"}`,
		`[{"id":"a","type":"peerToPeer"},[1,}]]`, `[{"id":"a","type":"peerToPeer"},[1,2]]`, `[{"segments":[]}]0`, `[{"segments":[]}] `,
		`{"value":[{"caller":{}}]}x`, `[{"id":"a","type":"peerToPeer"}]]`,
		`{"Id":"x","AdditionalProperties":{"a":[1,2,}}}`, `{"id":"x","organizer_v2":{"identity":{"user":{"id":1,}}}}`,
	} {
		agree(t, "table", []byte(doc))
	}
}

// TestWalkAgreesWithEncodingJSONOnDamagedSamples damages real samples at
// every position, in the ways files really break, and a generated record big
// enough for the parallel parse at random positions.
func TestWalkAgreesWithEncodingJSONOnDamagedSamples(t *testing.T) {
	damage := []string{"", `"`, `\`, "{", "}", "[", "]", ",", ":", "0", "-", "e", "\x01", " "}
	docs := map[string][]byte{}
	for _, name := range []string{"callrecord-get-expand-sessions-v1.json", "callrecords-list-filter-startdatetime-v1.json", "session-list-expand-segments-v1.json"} {
		doc, err := os.ReadFile(filepath.Join("..", "testdata", "graph", name))
		if err != nil {
			t.Fatal(err)
		}
		docs[name] = doc
	}
	// A bare array of a session: the root is the collection.
	docs["sessions array"] = []byte("[" + gjson.GetBytes(docs["session-list-expand-segments-v1.json"], "value.0").Raw + "]")
	delete(docs, "session-list-expand-segments-v1.json")
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			agree(t, name, doc)
			for _, tail := range damage {
				agree(t, "trailing "+tail, append(slices.Clip(doc), tail...))
			}
			for i := range doc {
				agree(t, "cut", doc[:i])
				// One kind of damage a position, taking turns: every kind
				// lands everywhere in some position's neighbourhood.
				d := damage[(i*5+3)%len(damage)]
				agree(t, "damaged", append(append(append([]byte(nil), doc[:i]...), d...), doc[i+1:]...)) // "" deletes
			}
		})
	}

	var buf bytes.Buffer
	if err := generate.Record(&buf, generate.Options{Sessions: parallel.From + 44, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	doc := buf.Bytes()
	agree(t, "generated", doc)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 16 {
		i := rng.IntN(len(doc))
		d := damage[rng.IntN(len(damage))]
		b := append(append(append([]byte(nil), doc[:i]...), d...), doc[i+1:]...)
		agree(t, "generated damaged", b)
	}
}

// FuzzWalkValidates holds the walk's verdict to encoding/json's on any bytes.
func FuzzWalkValidates(f *testing.F) {
	f.Add([]byte(`{"id":"x","sessions":[{"caller":{},"segments":[]}]}`))
	f.Add([]byte(`[{"id":"a","type":"peerToPeer"},[1,2]]`))
	f.Add([]byte(`{"value":[{"id":"s","caller":{}}]}`))
	f.Add([]byte(`{"a":-0.5e-3,"b":"\u00e9\n","c":[true,false,null]}`))
	f.Add([]byte("// a comment\n  // another\n{\"id\":\"x\",\"type\":\"groupCall\"}"))
	f.Add([]byte(`{"value":[{"callId":"a","charge":1},]}`))
	f.Add(samples.Demo)
	f.Fuzz(func(t *testing.T, b []byte) {
		agree(t, "fuzz", b)
	})
}

// Depth is counted from the root wherever a walk starts: some values are
// walked long after their parent's walk returned (a list's records, a
// collection's sessions, a "value" member checked late). Each case sits one
// level inside or one past the limit.
func TestDepthLimitIsCountedFromTheRoot(t *testing.T) {
	for _, c := range []string{ // D stands for the deep part
		`[{"id":"a","type":"groupCall","x":D}]`,
		`{"value":D,"AdditionalProperties":{"value":1}}`,
		`{"AdditionalProperties":{"value":D},"value":1}`,
		`{"value":[{"id":"s","caller":{},"x":D}]}`,
		`{"value":[{"id":"r","type":"groupCall","x":D}]}`,
		`{"id":"a","type":"groupCall","value":D}`,
		`{"id":"a","sessions":[{"caller":{},"segments":[{"media":[{"streams":[{"x":D}]}]}]}]}`,
	} {
		pre := c[:strings.Index(c, "D")]
		above := strings.Count(pre, "[") + strings.Count(pre, "{") - strings.Count(pre, "]") - strings.Count(pre, "}") // still open
		for _, levels := range []int{jsonscan.DepthLimit, jsonscan.DepthLimit + 1} {
			n := levels - above
			doc := []byte(strings.Replace(c, "D", strings.Repeat("[", n)+strings.Repeat("]", n), 1))
			if json.Valid(doc) != (levels <= jsonscan.DepthLimit) {
				t.Fatalf("%s at %d levels: encoding/json disagrees with the count", c, levels)
			}
			agree(t, fmt.Sprintf("%s at %d levels", c, levels), doc)
		}
	}
}

// The split parse must give what one worker gives, whatever the number of
// cores, and wherever the start points land (in the sessions array, or past
// its end in members that follow it).
func TestSessionsSplitGivesWhatOneWorkerGives(t *testing.T) {
	var buf bytes.Buffer
	if err := generate.Record(&buf, generate.Options{Sessions: 600, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	gen := buf.Bytes()
	small := `{"id":"x","type":"groupCall","sessions":[{"id":"a","caller":{},"callee":{},"segments":[]},{"id":"b","caller":{},"callee":{}}],` +
		`"padding":"` + strings.Repeat("[{x}],", parallelBytes/5) + `"}`
	report := func(doc []byte) string {
		f, err := Load("x", doc)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := report.Write(&out, f, report.FormatJSON); err != nil {
			t.Fatal(err)
		}
		for _, s := range f.Records[0].Sessions {
			fmt.Fprintf(&out, "%d %s %d\n", s.Index, s.ID, len(s.Raw)) // where each came from
		}
		return out.String()
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for name, doc := range map[string][]byte{"generated": gen, "sessions followed by padding": []byte(small)} {
		runtime.GOMAXPROCS(1)
		want := report(doc)
		for _, procs := range []int{2, 3, 5, 8} {
			runtime.GOMAXPROCS(procs)
			if got := report(doc); got != want {
				t.Errorf("%s with %d workers: the report differs from one worker's", name, procs)
			}
		}
	}
	if r := report([]byte(small)); !strings.Contains(r, `"sessions":2,`) || !strings.Contains(r, "\n1 b ") {
		t.Errorf("padding sample: %.300s", r)
	}
}
