// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title SettlementAnchor
/// @notice Commits each settlement epoch of the ledger on-chain, once: the root of its payout
/// tree (what the distributor pays from), the root of its events tree (what auditors check the
/// ledger's history against) and the epoch's total payout in token units.
/// @dev Anchoring writes one fresh storage word whatever the epoch's size: the payout root, the
/// only value another contract reads. The events root and the total are read by no contract, so
/// they live in the EpochAnchored log, indexed by epoch, rather than in storage words that would
/// cost 22,100 gas each per epoch. The per-epoch payment cap that the total used to provide is
/// set by PayoutDistributor.fundEpoch instead.
contract SettlementAnchor is AccessControl {
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");

    /// @notice What is stored for an anchored epoch without payouts, whose payout root is zero:
    /// zero must keep meaning "not anchored", so that one word still says both whether and what.
    /// No tree has this root (it would be a keccak output of all ones); views return zero for it.
    bytes32 public constant NO_PAYOUTS = bytes32(type(uint256).max);

    /// @notice One storage word per epoch: its payout root, NO_PAYOUTS for a zero root, or zero
    /// while the epoch is not anchored.
    mapping(uint64 epoch => bytes32) private _payoutRoots;

    event EpochAnchored(uint64 indexed epoch, bytes32 payoutRoot, bytes32 eventsRoot, uint256 totalUnits);

    error EpochAlreadyAnchored(uint64 epoch);
    error ReservedPayoutRoot(uint64 epoch);

    constructor(address admin, address operator) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(OPERATOR_ROLE, operator);
    }

    /// @notice Anchors an epoch's roots and total; each epoch exactly once, so a retried call
    /// reverts instead of replacing a root that payouts may already rely on. An epoch without
    /// payouts is anchored with a zero payout root.
    function anchorEpoch(uint64 epoch, bytes32 payoutRoot_, bytes32 eventsRoot, uint256 totalUnits)
        external
        onlyRole(OPERATOR_ROLE)
    {
        if (_payoutRoots[epoch] != 0) revert EpochAlreadyAnchored(epoch);
        if (payoutRoot_ == NO_PAYOUTS) revert ReservedPayoutRoot(epoch);
        _payoutRoots[epoch] = payoutRoot_ == 0 ? NO_PAYOUTS : payoutRoot_;
        emit EpochAnchored(epoch, payoutRoot_, eventsRoot, totalUnits);
    }

    /// @notice The epoch's anchored payout root; zero if it is not anchored or has no payouts
    /// (isAnchored tells the two apart). Its events root and total are in its EpochAnchored log.
    function payoutRoot(uint64 epoch) external view returns (bytes32 root) {
        root = _payoutRoots[epoch];
        if (root == NO_PAYOUTS) root = 0;
    }

    function isAnchored(uint64 epoch) external view returns (bool) {
        return _payoutRoots[epoch] != 0;
    }
}
