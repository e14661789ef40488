#!/usr/bin/env bash
# slurm-local.sh: a private single-node Slurm cluster for trying licsim's
# Slurm jobs on one machine, the same cluster the Go tests start
# (package slurmtest, cluster.go).
#
#   cmd/internal/slurmtest/slurm-local.sh start DIR   # config, state, logs in DIR
#   export SLURM_CONF=DIR/slurm.conf                  # as start prints
#   sinfo; sbatch ...; squeue
#   cmd/internal/slurmtest/slurm-local.sh stop DIR    # cancels jobs, ends both daemons
#
# Needs Debian's slurmctld, slurmd and slurm-client (`make deps` installs
# them). The cluster uses AuthType=auth/none and CredType=cred/none (no
# munge daemon), proctrack/linuxproc and task/none (no cgroups), one node
# named after `hostname -s` with this machine's CPUs (nproc) and 90% of its
# memory, and two free local ports, so that it never clashes with a
# system Slurm or another private cluster. Both daemons run with -D (in
# the foreground, here under nohup in the background) and -f DIR/slurm.conf;
# their pids are in DIR/run/*.bg.pid, their logs in DIR/log/.
# MinJobAge=5 keeps `sbatch --wait` looking every 2 seconds (it backs off
# to 32 seconds otherwise); squeue forgets finished jobs after 5 seconds.
# auth/none trusts every local user: use it on your own machine only.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd=$1
mkdir -p -- "$2"
dir=$(cd -- "$2" && pwd)
conf=$dir/slurm.conf

# free_port prints a TCP port nobody listens on now.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
		shuf -i 20000-60000 -n 1
}

stop() {
	if [ -f "$conf" ]; then
		SLURM_CONF=$conf timeout 3 scancel --full --quiet --user "$(id -u)" 2>/dev/null || true
	fi
	for d in slurmd slurmctld; do
		pidfile=$dir/run/$d.bg.pid
		[ -f "$pidfile" ] || continue
		pid=$(cat "$pidfile")
		if kill -0 "$pid" 2>/dev/null; then
			kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
			for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
			kill -KILL -- "-$pid" 2>/dev/null || true
		fi
		rm -f -- "$pidfile"
		echo "stopped $d (pid $pid)"
	done
}

start() {
	for p in slurmctld slurmd sbatch sinfo scancel; do
		command -v "$p" >/dev/null || { echo "$0: $p is missing; make deps installs Slurm" >&2; exit 1; }
	done
	if [ -f "$dir/run/slurmctld.bg.pid" ] && kill -0 "$(cat "$dir/run/slurmctld.bg.pid")" 2>/dev/null; then
		echo "$0: a cluster already runs in $dir; stop it first" >&2
		exit 1
	fi
	mkdir -p -- "$dir/state" "$dir/spool" "$dir/log" "$dir/run"
	node=$(hostname -s)
	ctld_port=$(free_port)
	d_port=$(free_port)
	while [ "$d_port" = "$ctld_port" ]; do d_port=$(free_port); done
	mem=$(awk '/^MemTotal:/ { m = int($2 / 1024 * 0.9); print (m < 1 ? 1 : m) }' /proc/meminfo)
	cat >"$conf" <<CONF
# Written by slurm-local.sh: a private single-node cluster.
ClusterName=licsimlocal
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
AuthType=auth/none
CredType=cred/none
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
MinJobAge=5
SchedulerParameters=batch_sched_delay=0,sched_min_interval=100000
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
	# setsid: each daemon leads its own process group, so that stop can
	# signal the group.
	setsid nohup slurmctld -D -c -f "$conf" >"$dir/log/slurmctld.out" 2>&1 </dev/null &
	echo $! >"$dir/run/slurmctld.bg.pid"
	setsid nohup slurmd -D -c -f "$conf" -N "$node" >"$dir/log/slurmd.out" 2>&1 </dev/null &
	echo $! >"$dir/run/slurmd.bg.pid"
	for _ in $(seq 300); do
		if [ "$(SLURM_CONF=$conf sinfo -h -N -n "$node" -o %T 2>/dev/null)" = idle ]; then
			echo "slurm is up in $dir: node $node, $(nproc) CPUs, partition debug"
			echo "export SLURM_CONF=$conf"
			return 0
		fi
		sleep 0.1
	done
	echo "$0: node $node not idle after 30s; logs:" >&2
	tail -n 30 "$dir"/log/* >&2 || true
	stop
	exit 1
}

case $cmd in
start) start ;;
stop) stop ;;
*) usage ;;
esac
