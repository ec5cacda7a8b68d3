package org.voxarch.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.voxarch.runtime.distributed.WorkerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Starts the local workers of a data-parallel run, as PyTorch's torchrun does. */
@Command(name = "launch", mixinStandardHelpOptions = true,
        description = {"Start the workers of data-parallel training on this machine: --nproc-per-node processes each",
            "running the command after the options, with torchrun's environment (RANK, WORLD_SIZE, LOCAL_RANK,",
            "LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT). Their output is shown prefixed by rank; when one fails the",
            "others are stopped; stopping this command stops them. On several machines run it on each, with the",
            "same --nnodes, --master-addr (machine of rank 0) and --master-port, and --node-rank 0, 1, ...",
            "Example: voxarch launch --nproc-per-node 2 train --data synthetic -o runs/ddp --batch 1"})
final class LaunchCommand implements Callable<Integer> {
    @Option(names = "--nproc-per-node", paramLabel = "N", required = true, description = "Workers on this machine.")
    int processesPerNode;

    @Option(names = "--nnodes", paramLabel = "M", defaultValue = "1", description = "Machines (default: 1).")
    int nodes;

    @Option(names = "--node-rank", paramLabel = "K", defaultValue = "0",
            description = "This machine's index, 0..M-1; machine 0 runs rank 0 (default: 0).")
    int nodeRank;

    @Option(names = "--master-addr", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Host of machine 0, reachable from every machine (default: ${DEFAULT-VALUE}).")
    String masterAddress;

    @Option(names = "--master-port", paramLabel = "PORT", defaultValue = "" + WorkerSettings.DEFAULT_PORT,
            description = "Rendezvous port on it (default: ${DEFAULT-VALUE}).")
    int masterPort;

    @Parameters(arity = "1..*", paramLabel = "COMMAND",
            description = "The voxarch command of every worker, e.g. train ...")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (processesPerNode < 1 || nodes < 1) {
            throw new UserError("--nproc-per-node and --nnodes must be at least 1");
        }
        if (nodeRank < 0 || nodeRank >= nodes) {
            throw new UserError("--node-rank " + nodeRank + " is outside 0.." + (nodes - 1));
        }
        if (masterPort < 1 || masterPort > 65535) {
            throw new UserError("--master-port " + masterPort + " is outside 1..65535");
        }
        int world = nodes * processesPerNode;
        List<Map<String, String>> environments = new ArrayList<>();
        for (int local = 0; local < processesPerNode; local++) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("RANK", Integer.toString(nodeRank * processesPerNode + local));
            env.put("LOCAL_RANK", Integer.toString(local));
            env.put("WORLD_SIZE", Integer.toString(world));
            env.put("LOCAL_WORLD_SIZE", Integer.toString(processesPerNode));
            env.put("MASTER_ADDR", masterAddress);
            env.put("MASTER_PORT", Integer.toString(masterPort));
            environments.add(env);
        }
        System.err.printf("voxarch launch: %d worker(s) here (ranks %d..%d of %d), rendezvous at %s:%d%n",
                processesPerNode, nodeRank * processesPerNode, (nodeRank + 1) * processesPerNode - 1, world,
                masterAddress, masterPort);
        return WorkerProcesses.start(command, environments).await();
    }
}
