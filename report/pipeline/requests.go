package pipeline

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/metrics"
	"github.com/paperhq/paper/report/yamlx"
)

// MaxSARMonths is the longest SAR target in calendar months: one month,
// extended by up to two more for complex or numerous requests (UK GDPR
// Article 12(3)).
const MaxSARMonths = 3

// requestTargetKeys are the data.targets keys of information requests
// and enquiries, and the types each sets.
var requestTargetKeys = []struct {
	key   string
	types []caselog.Type
}{
	{"foi", []caselog.Type{caselog.FOI}},
	{"eir", []caselog.Type{caselog.EIR}},
	{"internal_review", []caselog.Type{caselog.FOIReview, caselog.EIRReview}},
	{"sar", []caselog.Type{caselog.SAR}},
	{"member_enquiry", []caselog.Type{caselog.MemberEnquiry}},
	{"mp_enquiry", []caselog.Type{caselog.MPEnquiry}},
}

// RequestTarget checks a target of information requests or enquiries,
// wherever it is given (data.targets, paper metrics --target): foi, eir,
// internal_review (FOI and EIR reviews both), member_enquiry and
// mp_enquiry in working days from 1 to MaxTarget, sar in calendar months
// from 1 to MaxSARMonths. ok is false when key is none of them (a stage,
// for Target, or a mistake); then types is nil.
func RequestTarget(key string, n int) (types []caselog.Type, ok bool, err error) {
	for _, k := range requestTargetKeys {
		if k.key != key {
			continue
		}
		switch {
		case key == "sar" && (n < 1 || n > MaxSARMonths):
			return k.types, true, fmt.Errorf("a SAR's target is in calendar months, from 1 to %d (one month, extended by up to two: UK GDPR Article 12(3)), found %d", MaxSARMonths, n)
		case key != "sar" && (n < 1 || n > MaxTarget):
			return k.types, true, fmt.Errorf("a target is a number of working days from 1 to %d, found %d", MaxTarget, n)
		}
		return k.types, true, nil
	}
	return nil, false, nil
}

// targetKeys lists every data.targets key, for messages.
func targetKeys() []string {
	keys := append(slices.Clone(metrics.Stages), AcknowledgeTarget)
	for _, k := range requestTargetKeys {
		keys = append(keys, k.key)
	}
	return keys
}

// unknownTarget is the error for a data.targets key that is neither a
// stage nor a request type.
func unknownTarget(key string) error {
	if s := yamlx.Suggest(key, targetKeys()); s != "" {
		noun := "stage"
		if _, ok := metrics.StageOf(s); !ok && s != AcknowledgeTarget {
			noun = "request type"
		}
		return fmt.Errorf("unknown %s %s; did you mean %s?", noun, diag.Quote(key), s)
	}
	return fmt.Errorf("unknown stage or request type %s; use %s (acknowledge is the days allowed to acknowledge a complaint)", diag.Quote(key), strings.Join(targetKeys(), ", "))
}
