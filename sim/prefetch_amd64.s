#include "textflag.h"

// func PrefetchAll(addrs []uintptr)
TEXT ·PrefetchAll(SB), NOSPLIT, $0-24
	MOVQ addrs_base+0(FP), AX
	MOVQ addrs_len+8(FP), CX
	TESTQ CX, CX
	JEQ done
loop:
	MOVQ (AX), DX
	PREFETCHT0 (DX)
	ADDQ $8, AX
	DECQ CX
	JNE loop
done:
	RET

// func PrefetchEntities(evs []Event[Time], bases *[16]uintptr, stride uintptr)
TEXT ·PrefetchEntities(SB), NOSPLIT, $0-40
	MOVQ evs_base+0(FP), SI
	MOVQ evs_len+8(FP), CX
	MOVQ bases+24(FP), DI
	MOVQ stride+32(FP), R8
	TESTQ CX, CX
	JEQ pedone
peloop:
	MOVWLZX 20(SI), AX
	ANDL $15, AX
	MOVQ (DI)(AX*8), DX
	TESTQ DX, DX
	JEQ penext
	MOVLQSX 12(SI), BX
	IMULQ R8, BX
	PREFETCHT0 (DX)(BX*1)
penext:
	ADDQ $24, SI
	DECQ CX
	JNE peloop
pedone:
	RET
