/**
 * The public entry point for strategy authors (`import … from 'replbench/strategy'`): the
 * contract's types, helpers for parameters and versions, and the log-shipping building block the
 * built-in leader–follower strategies are made of.
 */
export * from './contract.js';
export { LogShippingReplica, type AckMsg, type AppendMsg, type CommitRule } from '../../strategies/replication/log-shipping.js';
