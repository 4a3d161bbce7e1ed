// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title PushFloor
/// @notice Not deployed by the ledger: bench/gas.sh measures with it the least gas that any contract
/// can pay new holders with, per holder, in a given token. It calls transfer(account, amount) for
/// each word (amount << 160 | account, as PayoutDistributor.pushPayouts takes them) and does
/// nothing else: no checks, no results read, no logs of its own.
contract PushFloor {
    function drop(address token, uint256[] calldata payouts) external {
        assembly {
            let args := mload(0x40)
            mstore(args, 0xa9059cbb00000000000000000000000000000000000000000000000000000000)
            let end := add(payouts.offset, shl(5, payouts.length))
            for { let p := payouts.offset } lt(p, end) { p := add(p, 32) } {
                let payout := calldataload(p)
                mstore(add(args, 4), and(payout, 0xffffffffffffffffffffffffffffffffffffffff))
                mstore(add(args, 36), shr(160, payout))
                if iszero(call(gas(), token, 0, args, 68, 0, 32)) { revert(0, 0) }
            }
        }
    }
}
