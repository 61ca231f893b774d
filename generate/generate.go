// Package generate writes synthetic Teams call records of any size in
// Graph's v1.0 shape, deterministic for a seed: the big meetings the tests
// and benchmarks load, and `go run ./samples/gen`. Everything it makes is
// fictional. It is split by what it makes: the record and its people here,
// then sessions, endpoints, media, streams, and the JSON writing.
package generate

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"time"
)

// DefaultPoorShare is the share of streams Record makes poor when Options.PoorShare
// is zero.
const DefaultPoorShare = 0.05

// Options says what Record makes.
type Options struct {
	// Sessions is the number of sessions in the record (0 or more).
	Sessions int
	// Seed selects the record: the same options always give the same bytes.
	Seed int64
	// PoorShare is the fraction of classifiable streams (audio, video and screen-sharing
	// streams that carry enough measurements) made poor by Microsoft's Call Quality
	// Dashboard rules, in [0, 1]. Zero selects DefaultPoorShare (0.05); any negative value
	// means no poor streams at all.
	PoorShare float64
	// NextLink adds a "sessions@odata.nextLink" after the sessions, as Graph does when
	// more pages of sessions remain.
	NextLink bool
}

// Record writes one large synthetic Teams group-call record in the raw Microsoft Graph
// v1.0 shape of GET /communications/callRecords/{id}?$expand=sessions($expand=segments)
// (compact JSON, with OData annotations), followed by a newline. Each session joins one
// participant to the conference server; PSTN participants are reached through a mediation
// server and a gateway over two or three segments. The output is streamed through a
// buffered writer; one session is held in memory at a time. It averages about 12.4 KB per
// session, so 7,500 sessions make about 93 MB. The shape is the current one: organizer_v2,
// participants_v2 and associatedIdentity, without the organizer, participants and endpoint
// identity that Graph stopped returning on 2026-06-30.
func Record(w io.Writer, o Options) error {
	if o.Sessions < 0 {
		return fmt.Errorf("generate: Sessions must be 0 or more, got %d", o.Sessions)
	}
	poor := o.PoorShare
	switch {
	case math.IsNaN(poor) || poor > 1:
		return fmt.Errorf("generate: PoorShare must be at most 1, got %v", o.PoorShare)
	case poor == 0:
		poor = DefaultPoorShare
	case poor < 0:
		poor = 0
	}
	g := &gen{
		r:    rand.New(rand.NewPCG(uint64(o.Seed), 0x6a09e667f3bcc909)),
		poor: poor,
		b:    make([]byte, 0, 1<<17),
	}
	bw := bufio.NewWriterSize(w, 1<<18)
	g.setup(o.Sessions)
	g.header()
	if err := g.flush(bw); err != nil {
		return err
	}
	for i := range o.Sessions {
		if i > 0 {
			g.b = append(g.b, ',')
		}
		g.session(i, o.Sessions)
		g.trim() // the separator is written before the next session, never flushed dangling
		if len(g.b) >= 1<<16 {
			if err := g.flush(bw); err != nil {
				return err
			}
		}
	}
	g.closeArr() // sessions
	if o.NextLink {
		g.str("sessions@odata.nextLink", "https://graph.microsoft.com/v1.0/communications/callRecords('"+
			g.callID+"')/sessions?$expand=segments&$skiptoken="+g.skipToken())
	}
	g.trim()
	g.b = append(g.b, '}', '\n')
	if err := g.flush(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// ---------------------------------------------------------------------------------------

type gen struct {
	r      *rand.Rand
	b      []byte
	poor   float64
	tenant string
	callID string
	t0     time.Time
	tEnd   time.Time
	people []person
}

func (g *gen) flush(w *bufio.Writer) error {
	_, err := w.Write(g.b)
	g.b = g.b[:0]
	return err
}

// setup draws the call and its participants.
func (g *gen) setup(sessions int) {
	g.tenant = g.uuid()
	g.callID = g.uuid()
	g.t0 = time.Date(2026, time.February, 17, 15, 0, 0, 0, time.UTC).
		Add(time.Duration(g.r.IntN(3600)) * time.Second).
		Add(time.Duration(g.r.IntN(10_000_000)) * 100)
	g.tEnd = g.t0.Add(95*time.Minute + time.Duration(g.r.IntN(300_000))*time.Millisecond)
	n := sessions * 4 / 5
	if n < 1 {
		n = 1
	}
	g.people = make([]person, n)
	for i := range g.people {
		g.people[i] = g.newPerson(i == 0)
	}
}

// ---------------------------------------------------------------------------------------
// The record.

func (g *gen) header() {
	const meta = "https://graph.microsoft.com/v1.0/$metadata#communications/callRecords"
	org := &g.people[0]
	g.b = append(g.b, '{')
	g.str("@odata.context", meta+"(sessions(segments()))/$entity")
	g.str("id", g.callID)
	g.int("version", int64(1+g.r.IntN(3)))
	g.str("type", "groupCall")
	g.raw(`"modalities":["audio","video","screenSharing"],`)
	g.time("lastModifiedDateTime", g.tEnd.Add(time.Duration(15+g.r.IntN(40))*time.Minute+time.Duration(g.r.IntN(10_000_000))*100))
	g.time("startDateTime", g.t0)
	g.time("endDateTime", g.tEnd)
	g.str("joinWebUrl", "https://teams.microsoft.com/l/meetup-join/19%3ameeting_"+g.alnum(48)+
		"%40thread.v2/0?context=%7b%22Tid%22%3a%22"+g.tenant+"%22%2c%22Oid%22%3a%22"+org.id+"%22%7d")
	// Only the v2 organizer and participants: Graph stopped returning the
	// deprecated ones on 2026-06-30.
	g.str("organizer_v2@odata.context", meta+"('"+g.callID+"')/organizer_v2/$entity")
	g.obj("organizer_v2")
	g.participantV2(org)
	g.raw(`"administrativeUnitInfos":[],`)
	g.close()
	g.str("participants_v2@odata.context", meta+"('"+g.callID+"')/participants_v2")
	g.arr("participants_v2")
	for i := range g.people {
		g.open()
		g.participantV2(&g.people[i])
		g.close()
	}
	g.closeArr()
	g.str("sessions@odata.context", meta+"('"+g.callID+"')/sessions(segments())")
	g.arr("sessions")
}
