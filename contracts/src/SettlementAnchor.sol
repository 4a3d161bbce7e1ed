// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title SettlementAnchor
/// @notice Commits each settlement epoch of the ledger on-chain, once: the root of its payout
/// tree (what the distributor pays from), the root of its events tree (what auditors check the
/// ledger's history against) and the epoch's total payout in token units.
/// @dev Anchoring writes two fresh storage words whatever the epoch's size: the payout root and
/// one packed word (total, timestamp). The events root is not read by any contract, so it lives
/// in the EpochAnchored log, indexed by epoch, rather than in a third word that would cost
/// another 22,100 gas per epoch.
contract SettlementAnchor is AccessControl {
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");

    /// @notice What the chain keeps of an epoch: two storage words.
    struct Epoch {
        bytes32 payoutRoot;
        // uint96 holds 7.9e28 units, far more than any epoch pays; packing it with the
        // timestamp saves a storage word per epoch.
        uint96 totalUnits;
        // Non-zero once anchored: the block timestamp of the anchoring transaction.
        uint64 anchoredAt;
    }

    mapping(uint64 epoch => Epoch) private _epochs;

    event EpochAnchored(uint64 indexed epoch, bytes32 payoutRoot, bytes32 eventsRoot, uint256 totalUnits);

    error EpochAlreadyAnchored(uint64 epoch);
    error TotalUnitsTooLarge(uint256 totalUnits);

    constructor(address admin, address operator) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(OPERATOR_ROLE, operator);
    }

    /// @notice Anchors an epoch's roots; each epoch exactly once, so a retried call reverts
    /// instead of replacing roots that payouts may already rely on.
    function anchorEpoch(uint64 epoch, bytes32 payoutRoot, bytes32 eventsRoot, uint256 totalUnits)
        external
        onlyRole(OPERATOR_ROLE)
    {
        Epoch storage e = _epochs[epoch];
        if (e.anchoredAt != 0) revert EpochAlreadyAnchored(epoch);
        if (totalUnits > type(uint96).max) revert TotalUnitsTooLarge(totalUnits);
        e.payoutRoot = payoutRoot;
        e.totalUnits = uint96(totalUnits);
        e.anchoredAt = uint64(block.timestamp);
        emit EpochAnchored(epoch, payoutRoot, eventsRoot, totalUnits);
    }

    /// @notice An epoch's payout root, total and anchoring time; all zero if not anchored.
    /// Its events root is in the EpochAnchored log of the same epoch.
    function epochs(uint64 epoch) external view returns (bytes32 payoutRoot, uint256 totalUnits, uint64 anchoredAt) {
        Epoch storage e = _epochs[epoch];
        return (e.payoutRoot, e.totalUnits, e.anchoredAt);
    }

    function isAnchored(uint64 epoch) external view returns (bool) {
        return _epochs[epoch].anchoredAt != 0;
    }
}
